using Fpga.Gen.Cores.Accelerator;
using Fpga.Gen.Spec;

namespace Fpga.Gen.Tests.Accelerator;

/// <summary>
/// Stacked layers pipelined across steps: the ideal and the cycles per step are the slowest
/// layer's, and every stack whose ideal is at least 256 cycles reaches 90 % of it (issue #4)
/// with the greedy or static re-quantizer. Co-simulation checks the cycles themselves.
/// </summary>
public class LayerWavefrontTests
{
    [Fact]
    public void TwoLayersAtH64Simd16CostOneLayersStep()
    {
        var spec = new AcceleratorSpec { InputSize = 28, HiddenSize = 64, Layers = 2, Simd = 16 }.Validate();
        var accelerator = LstmAccelerator.Generate(spec);

        Assert.Equal(1024, accelerator.Folding.IdealCyclesPerStep);
        Assert.All(accelerator.Folding.Layers, l => Assert.Equal(1024, l.IdealCycles));
        Assert.Equal(1049, accelerator.CyclesPerStep);
        Assert.Equal(accelerator.Engines[0].StepCycles + 1, accelerator.CyclesPerStep);
        Assert.Equal(1, accelerator.PipelineDepth);
        Assert.Equal([1, 2], accelerator.Folding.Layers.Select(l => l.Input.ActivationBanks));
    }

    public static TheoryData<int, int, int, int, HiddenRequantization> Stacks()
    {
        var data = new TheoryData<int, int, int, int, HiddenRequantization>();
        foreach (int hidden in new[] { 32, 64, 128 })
        foreach (int simd in new[] { 8, 16, 32, 64 })
        foreach (int codes in new[] { 1, 2, 3 })
        foreach (int layers in new[] { 2, 3 })
            data.Add(hidden, simd, codes, layers, (hidden + simd + codes) % 2 == 0 ? HiddenRequantization.Greedy : HiddenRequantization.Static);
        return data;
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void StacksWithAnIdealOf256OrMoreReachNinetyPercent(int hidden, int simd, int codes, int layers, HiddenRequantization requantization)
    {
        var spec = new AcceleratorSpec
        {
            InputSize = 28, HiddenSize = hidden, Layers = layers, Simd = simd, WeightCodes = codes, ActivationCodes = codes, Requantization = requantization,
        }.Validate();
        var accelerator = LstmAccelerator.Generate(spec);

        Assert.Equal(accelerator.Engines.Max(e => e.StepCycles) + AcceleratorFolding.HandoverCycles, accelerator.CyclesPerStep);
        Assert.Equal(accelerator.Folding.Layers.Max(l => l.IdealCycles), accelerator.Folding.IdealCyclesPerStep);
        if (accelerator.Folding.IdealCyclesPerStep >= 256) Assert.True(accelerator.Utilization >= 0.9, $"{accelerator.CyclesPerStep} cycles against an ideal of {accelerator.Folding.IdealCyclesPerStep}");
    }
}
