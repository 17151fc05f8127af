using Fpga.Host.Link;

namespace Fpga.Cosim.Tests.Link;

/// <summary>A port that does not exist, a port another session holds, and a board built for another spec: one clear error each.</summary>
[Collection(StandInBoardCollection.Name)]
public class PortErrorTests(StandInBoardFixture fixture)
{
    [Fact]
    public void AMissingPortIsReportedByName()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fpga-no-such-port-{Guid.NewGuid():N}");
        var error = Assert.Throws<LinkException>(() => SerialTransport.Open(path, 115200));
        Assert.Equal($"serial port '{path}' does not exist", error.Message);
    }

    [Fact]
    public void APortInUseIsReportedAsBusy()
    {
        using var first = SerialTransport.Open(fixture.Board.PortPath, 115200);
        var error = Assert.Throws<LinkException>(() => SerialTransport.Open(fixture.Board.PortPath, 115200));
        Assert.Contains($"serial port '{fixture.Board.PortPath}' is in use", error.Message);
    }

    [Fact]
    public void ABoardBuiltForAnotherSpecIsRefused()
    {
        var model = LinkModel.Create(inputs: 6, hidden: 8, layers: 1, denseOutputs: 0, Fpga.Gen.Spec.OutputMode.HiddenEveryStep, codes: 2, simd: 4, sequences: 1, steps: 1, seed: 3);
        Assert.NotEqual(fixture.Spec.Hash, model.Accelerator.Spec.Hash);
        using var client = new LinkClient(SerialTransport.Open(fixture.Board.PortPath, 115200));
        var session = new AcceleratorSession(client, model.Accelerator);
        var error = Assert.Throws<LinkException>(() => session.Identify());
        Assert.Equal($"the board on '{fixture.Board.PortPath}' was built for spec {fixture.Spec.Hash[..16]}, not this model's spec {model.Accelerator.Spec.Hash[..16]}: generate and load the bitstream for this model",
            error.Message);
    }
}
