using Fpga.Gen.Cores.Accelerator;
using Fpga.Gen.Cores.Lstm;
using Fpga.Gen.Spec;

namespace Fpga.Gen.Tests.Accelerator;

/// <summary>
/// PE other than 4 (issue #4, "PE and SIMD from the narrowest to wide"): a beat adapter between
/// the join and the cell unit, only then; its cycles in the step. Co-simulation checks the
/// outputs and the cycles themselves (LstmAcceleratorCosimTests.PeGrid).
/// </summary>
public class PeFoldingTests
{
    private static AcceleratorSpec Spec(int pe, int simd = 8) =>
        new AcceleratorSpec { InputSize = 28, HiddenSize = 32, Layers = 2, DenseOutputs = 10, Output = OutputMode.LogitsAtEnd, Pe = pe, Simd = simd }.Validate();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(8)]
    [InlineData(16)]
    [InlineData(32)]
    public void EveryPeThatDividesOrIsAMultipleOfFourIsGenerated(int pe)
    {
        var accelerator = LstmAccelerator.Generate(Spec(pe));
        var names = accelerator.Engines[0].Module.Ports.Select(p => p.Name).ToArray();
        Assert.Contains("start", names);
        // The ideal scales with PE; the step pays the adapter on top of the products.
        Assert.Equal(4 * 32 * (28 + 32) * 2 * 2 / (pe * (7.0 + 8)), accelerator.Folding.IdealCyclesPerStep, 6);
        Assert.All(accelerator.Engines, e => Assert.Equal(
            Math.Max(e.Input.CyclesPerProduct, e.Recurrent.CyclesPerProduct) + e.AdapterCycles + e.Cell.Latency + 1 + e.Requantizer.Cycles, e.StepCycles));
    }

    [Fact]
    public void PeThreeIsRefused()
    {
        var spec = new AcceleratorSpec { InputSize = 10, HiddenSize = 6, Pe = 3, Simd = 2 }.Validate();
        var error = Assert.Throws<SpecValidationException>(() => LstmAccelerator.Generate(spec));
        Assert.Contains("PE must divide 4 or be a multiple of 4", error.Message);
    }

    [Theory]
    [InlineData(1, 32, 1, 0)]
    [InlineData(2, 32, 1, 0)]
    [InlineData(4, 32, 1, 0)]
    [InlineData(8, 32, 16, 1)]
    [InlineData(8, 16, 1, 1 + 7 * 1)]
    [InlineData(16, 32, 1, 3 + 7 * 3)]
    [InlineData(16, 32, 2, 3 + 7 * 2)]
    [InlineData(16, 32, 4, 3)]
    public void TheAdapterCostsItsUnitsPerBeatLessOneAndItsStalls(int pe, int hidden, long rowFoldCycles, long expected) =>
        Assert.Equal(expected, LstmLayerEngine.AdapterCyclesOf(pe, hidden, rowFoldCycles));

    [Fact]
    public void PeFourHasNoAdapter()
    {
        var engine = LstmAccelerator.Generate(Spec(4)).Engines[0];
        Assert.Equal(0, engine.AdapterCycles);
        Assert.DoesNotContain(engine.Module.Internals.Select(s => s.Name), n => n.StartsWith("split_", StringComparison.Ordinal) || n.StartsWith("gather_", StringComparison.Ordinal) || n == "join_ready");
    }
}
