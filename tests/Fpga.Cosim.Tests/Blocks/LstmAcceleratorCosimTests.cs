using Fpga.Gen.Spec;
using Fpga.Host.Verification;

namespace Fpga.Cosim.Tests.Blocks;

/// <summary>
/// The accelerator top in Verilator against the golden model: 1 and 2 layers, with and without
/// the dense layer, both output modes; two sequences of 16 steps streamed back to back (so the
/// second starts from reset state), greedy, static and alternating re-quantization, inferred and
/// iCE40 memories (SPRAM weights, shared multipliers); every output value, the counters and the
/// cycles per step.
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

    /// <summary>iCE40 memories: weights in SPRAM (single port), PE lanes packed, one multiplier pair per unit, a re-quantizer 4 units a cycle.</summary>
    public static TheoryData<AcceleratorCheckShape> Ice40Grid => new()
    {
        new AcceleratorCheckShape(Inputs: 28, Hidden: 64, Layers: 1, DenseOutputs: 10, OutputMode.LogitsAtEnd, Codes: 2, Simd: 8, Memory: MemoryTechnology.Ice40),
        new AcceleratorCheckShape(Inputs: 12, Hidden: 16, Layers: 2, DenseOutputs: 0, OutputMode.HiddenEveryStep, Codes: 2, Simd: 4, HiddenRequantization.Alternating, MemoryTechnology.Ice40),
        // Too few column folds to share the multipliers: iCE40 memories only; 12 units gathered from 4-bit re-quantizer words into 8-bit words.
        new AcceleratorCheckShape(Inputs: 9, Hidden: 12, Layers: 2, DenseOutputs: 3, OutputMode.HiddenEveryStep, Codes: 3, Simd: 8, Memory: MemoryTechnology.Ice40),
        new AcceleratorCheckShape(Inputs: 10, Hidden: 8, Layers: 1, DenseOutputs: 5, OutputMode.LogitsAtEnd, Codes: 2, Simd: 4, Memory: MemoryTechnology.Ice40),
        // The main job's shape (host/models/fashion-mnist-w2a2.spec.json).
        new AcceleratorCheckShape(Inputs: 28, Hidden: 128, Layers: 1, DenseOutputs: 10, OutputMode.LogitsAtEnd, Codes: 2, Simd: 16, Memory: MemoryTechnology.Ice40),
    };

    [Theory]
    [MemberData(nameof(Grid))]
    public void EveryOutputAndEveryStepsCyclesMatch(AcceleratorCheckShape shape) => Check(shape);

    [Theory]
    [MemberData(nameof(Ice40Grid))]
    public void Ice40MemoriesGiveTheSameOutputsAndCycles(AcceleratorCheckShape shape) => Check(shape);

    private static void Check(AcceleratorCheckShape shape)
    {
        using var work = new TestDirectory();
        var report = AcceleratorBlockCheck.Run(shape, sequences: 2, steps: 16, work.Path, seed: shape.Inputs + shape.Hidden, sinkStall: 0.0);

        Assert.True(report.Lint.Clean, string.Join("\n", report.Lint.Verilator.Concat(report.Lint.Icarus)));
        Assert.Empty(report.Cosim.Mismatches);
        int vectors = shape.Output == OutputMode.HiddenEveryStep ? 32 * shape.Hidden : 2 * shape.DenseOutputs;
        Assert.Equal(vectors, report.Cosim.ValuesChecked);
        Assert.Equal(30, report.Cosim.StepPeriods.Count);
        Assert.All(report.Cosim.StepPeriods, p => Assert.Equal(report.Accelerator.CyclesPerStep, p));
        Assert.Equal([AcceleratorCosim.ExpectedSequenceGap(report.Accelerator)], report.Cosim.SequenceGaps);
    }

    [Theory]
    [InlineData(OutputMode.HiddenEveryStep, MemoryTechnology.Inferred)]
    [InlineData(OutputMode.LogitsAtEnd, MemoryTechnology.Inferred)]
    [InlineData(OutputMode.HiddenEveryStep, MemoryTechnology.Ice40)]
    [InlineData(OutputMode.LogitsAtEnd, MemoryTechnology.Ice40)]
    public void BackPressureOnTheOutputLosesNothing(OutputMode output, MemoryTechnology memory)
    {
        using var work = new TestDirectory();
        // With iCE40 memories, 16 units at SIMD 4 give every unit 4 column folds: the shared multipliers stall too.
        int hidden = memory == MemoryTechnology.Ice40 ? 16 : 8;
        var shape = new AcceleratorCheckShape(Inputs: 10, Hidden: hidden, Layers: 2, DenseOutputs: 6, output, Codes: 2, Simd: 4, Memory: memory);
        var report = AcceleratorBlockCheck.Run(shape, sequences: 2, steps: 3, work.Path, seed: 5, sinkStall: 0.5);

        Assert.Empty(report.Cosim.Mismatches);
        Assert.Equal(output == OutputMode.HiddenEveryStep ? 6 * hidden : 2 * 6, report.Cosim.ValuesChecked);
    }
}
