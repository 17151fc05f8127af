using Fpga.Gen.Spec;
using Fpga.Host.Verification;

namespace Fpga.Cosim.Tests.Blocks;

/// <summary>
/// The accelerator top in Verilator against the golden model: 1 and 2 layers, with and without
/// the dense layer, both output modes; two sequences of 16 steps streamed back to back (so the
/// second starts from reset state), greedy, static and alternating re-quantization; every output
/// value, the counters and the cycles per step.
/// </summary>
public class LstmAcceleratorCosimTests
{
    public static TheoryData<AcceleratorCheckShape> Grid => new()
    {
        new AcceleratorCheckShape(Inputs: 10, Hidden: 8, Layers: 1, DenseOutputs: 0, OutputMode.HiddenEveryStep, Codes: 2, Simd: 4),
        new AcceleratorCheckShape(Inputs: 12, Hidden: 16, Layers: 2, DenseOutputs: 0, OutputMode.HiddenEveryStep, Codes: 2, Simd: 8),
        new AcceleratorCheckShape(Inputs: 9, Hidden: 12, Layers: 2, DenseOutputs: 3, OutputMode.HiddenEveryStep, Codes: 3, Simd: 16),
        new AcceleratorCheckShape(Inputs: 10, Hidden: 8, Layers: 1, DenseOutputs: 5, OutputMode.LogitsAtEnd, Codes: 2, Simd: 4),
        new AcceleratorCheckShape(Inputs: 28, Hidden: 16, Layers: 2, DenseOutputs: 10, OutputMode.LogitsAtEnd, Codes: 1, Simd: 8),
        new AcceleratorCheckShape(Inputs: 10, Hidden: 12, Layers: 2, DenseOutputs: 0, OutputMode.HiddenEveryStep, Codes: 2, Simd: 4, HiddenRequantization.Static),
        new AcceleratorCheckShape(Inputs: 10, Hidden: 8, Layers: 1, DenseOutputs: 4, OutputMode.LogitsAtEnd, Codes: 3, Simd: 8, HiddenRequantization.Static),
        new AcceleratorCheckShape(Inputs: 10, Hidden: 12, Layers: 2, DenseOutputs: 0, OutputMode.HiddenEveryStep, Codes: 2, Simd: 4, HiddenRequantization.Alternating),
        new AcceleratorCheckShape(Inputs: 9, Hidden: 8, Layers: 1, DenseOutputs: 0, OutputMode.HiddenEveryStep, Codes: 3, Simd: 8, HiddenRequantization.Alternating),
    };

    [Theory]
    [MemberData(nameof(Grid))]
    public void EveryOutputAndEveryStepsCyclesMatch(AcceleratorCheckShape shape)
    {
        using var work = new TestDirectory();
        var report = AcceleratorBlockCheck.Run(shape, sequences: 2, steps: 16, work.Path, seed: shape.Inputs + shape.Hidden, sinkStall: 0.0);

        Assert.True(report.Lint.Clean, string.Join("\n", report.Lint.Verilator.Concat(report.Lint.Icarus)));
        Assert.Empty(report.Cosim.Mismatches);
        int vectors = shape.Output == OutputMode.HiddenEveryStep ? 32 * shape.Hidden : 2 * shape.DenseOutputs;
        Assert.Equal(vectors, report.Cosim.ValuesChecked);
        int logitPeriods = AcceleratorCosim.ExpectedLogitPeriods(report.Accelerator, 2, 16);
        Assert.Equal(31 - logitPeriods, report.Cosim.StepPeriods.Count);
        Assert.All(report.Cosim.StepPeriods, p => Assert.Equal(report.Accelerator.CyclesPerStep, p));
        Assert.Equal(Enumerable.Repeat(AcceleratorCosim.ExpectedLogitPeriod(report.Accelerator), logitPeriods), report.Cosim.LogitPeriods);
    }

    [Theory]
    [InlineData(OutputMode.HiddenEveryStep)]
    [InlineData(OutputMode.LogitsAtEnd)]
    public void BackPressureOnTheOutputLosesNothing(OutputMode output)
    {
        using var work = new TestDirectory();
        var shape = new AcceleratorCheckShape(Inputs: 10, Hidden: 8, Layers: 2, DenseOutputs: 6, output, Codes: 2, Simd: 4);
        var report = AcceleratorBlockCheck.Run(shape, sequences: 2, steps: 3, work.Path, seed: 5, sinkStall: 0.5);

        Assert.Empty(report.Cosim.Mismatches);
        Assert.Equal(output == OutputMode.HiddenEveryStep ? 6 * 8 : 2 * 6, report.Cosim.ValuesChecked);
    }
}
