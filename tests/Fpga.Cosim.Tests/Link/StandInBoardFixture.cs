using Fpga.Gen.Cores.Link;
using Fpga.Gen.Spec;
using Fpga.Host.Link;

namespace Fpga.Cosim.Tests.Link;

/// <summary>One simulated board (stand-in accelerator, a fast line: 32 clocks per bit) shared by the link tests.</summary>
public sealed class StandInBoardFixture : IDisposable
{
    private readonly TestDirectory _work = new();

    public StandInBoardFixture()
    {
        Spec = new AcceleratorSpec { HiddenSize = 8 }.Validate();
        Board = SimulatedBoard.StartStandIn(Spec, new LinkOptions(UartOptions.Fast(32), MaxPayload: 512), _work.Path);
    }

    public AcceleratorSpec Spec { get; }
    public SimulatedBoard Board { get; }

    public void Dispose()
    {
        Board.Dispose();
        _work.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class StandInBoardCollection : ICollectionFixture<StandInBoardFixture>
{
    public const string Name = "stand-in board";
}
