using Fpga.Host.Datasets;
using Fpga.Host.Tests.Support;

namespace Fpga.Host.Tests.Cli;

/// <summary>The main job on two images: quantize, generate, simulate the board, upload, stream, every logit equal to the golden model's.</summary>
public sealed class DemoCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void TwoImagesThroughTheSimulatedBoardMatchTheGoldenModel()
    {
        if (!File.Exists(Path.Combine(FashionMnist.DebianDirectory, "t10k-images-idx3-ubyte.gz"))) Assert.Fail("Fashion-MNIST is not installed: make datasets");
        var run = CliRun.Of("demo", "--images", "2", "--work", _dir.Path);
        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        Assert.Contains("board against the golden model: all 2 images' logits equal, bit for bit (20 values)", run.Out);
        Assert.Contains("accuracy on these 2 images: float", run.Out);
        Assert.Matches(@"upload: \S+ payload bytes in \S+ frames", run.Out);
        Assert.Contains("at 115200 baud", run.Out);
        Assert.Matches(@"accelerator \(its counters\): 56 steps, \S+ busy cycles; \d+ cycles a step \(formula \d+, ideal \d+", run.Out);
        Assert.Contains("wall time", run.Out);
        Assert.True(File.Exists(Path.Combine(_dir.Path, "fashion-mnist-w2a2.safetensors")));
    }
}
