using Fpga.Gen.Cores.Lstm;
using Fpga.Gen.Spec;
using Fpga.Host.Verification;

namespace Fpga.Cosim.Tests.Blocks;

/// <summary>The LSTM cell unit (contract steps 2 to 5) in Verilator against the C# reference.</summary>
public class LstmCellCosimTests
{
    public static TheoryData<string, int> Specs => new()
    {
        { "default", 32 },
        { "narrow", 20 },
        { "left-shift", 24 },
        { "pwl-default", 32 },
        { "pwl-narrow", 20 },
        { "pwl-exact-gates", 22 },
    };

    private static AcceleratorSpec SpecNamed(string name) => name switch
    {
        "default" => new AcceleratorSpec { HiddenSize = 16 },
        "narrow" => new AcceleratorSpec { HiddenSize = 4, Cell = new FixedFormat(14, 11), Gate = new FixedFormat(12, 8), Hidden = new FixedFormat(10, 8), NonlinearityTableBits = 6 },
        // FA + FG < FZ: the accumulator is shifted left into the gate format.
        "left-shift" => new AcceleratorSpec { HiddenSize = 8, WeightCoefficient = new FixedFormat(8, 4), ActivationCoefficient = new FixedFormat(8, 4), Gate = new FixedFormat(16, 10), Reset = Fpga.Gen.Hdl.ResetStyle.SyncActiveHigh },
        "pwl-default" => new AcceleratorSpec { HiddenSize = 16, Nonlinearity = NonlinearityKind.PiecewiseLinear },
        // Four units (the cell RAM's minimum, now with the longer pipeline), a cell format no
        // wider than the table's range (+-2) and 16 segments over +-2, so that clamping above
        // the range (d = 2^s) gives E[16], which differs from E[15].
        "pwl-narrow" => new AcceleratorSpec { HiddenSize = 4, Cell = new FixedFormat(12, 10), Gate = new FixedFormat(12, 8), Hidden = new FixedFormat(10, 8), NonlinearityTableBits = 4, NonlinearityInputRangeLog2 = 1, Nonlinearity = NonlinearityKind.PiecewiseLinear },
        // s = 0 for the gates: breakpoints as fine as the gate format, so the offset is 0 or 1 (above the range).
        "pwl-exact-gates" => new AcceleratorSpec { HiddenSize = 8, Gate = new FixedFormat(12, 8), Cell = new FixedFormat(14, 11), NonlinearityTableBits = 10, NonlinearityInputRangeLog2 = 1, Nonlinearity = NonlinearityKind.PiecewiseLinear },
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Specs))]
    public void EveryHiddenValueMatchesTheContract(string specName, int accumulatorWidth)
    {
        var unit = LstmCellUnit.Generate(SpecNamed(specName).Validate(), accumulatorWidth);
        using var work = new TestDirectory();
        var block = GeneratedBlock.Prepare(unit.Module, work.Path);
        Assert.True(block.Lint.Clean, string.Join("\n", block.Lint.Verilator.Concat(block.Lint.Icarus)));
        using var sim = block.Model.Start();

        var result = LstmCellCosim.Run(sim, unit, sequences: 3, steps: 5, seed: accumulatorWidth, sourceIdle: 0.3, sinkStall: 0.3);

        Assert.Empty(result.Mismatches);
        Assert.Equal(result.Beats, result.Checked);
        Assert.Equal(LstmCellUnit.LatencyOf(unit.Spec), result.ObservedLatency);
    }
}
