using Fpga.Gen.Spec;
using Fpga.Host.Diagnostics;
using Fpga.Host.Golden;

namespace Fpga.Host.Tests.Golden;

public sealed class GoldenWidthTests
{
    [Fact]
    public void ExposesTheWidthsOfItsSpec()
    {
        var golden = new GoldenLstm(HandModels.OneUnit());
        // 8-bit A and G: |A G| <= 2^14; one code pair; 2 + 1 columns: 49152 -> 17 bits.
        Assert.Equal(17, golden.Widths.Layers[0].Accumulator);
        var trace = new List<GoldenStepTrace>();
        golden.RunSequence([HandModels.OneUnitInput()], trace);
        Assert.All(trace[0].Layers[0].Accumulators, acc => Assert.True(DerivedWidths.Fits(acc, 17)));
    }

    [Fact]
    public void RefusesASpecWiderThanItsIntegers()
    {
        var spec = HandModels.Spec() with { WeightCoefficient = new FixedFormat(32, 4), ActivationCoefficient = new FixedFormat(32, 4) };
        var e = Assert.Throws<FpgaException>(() => new GoldenLstm(HandModels.OneUnit(spec)));
        Assert.Contains("the golden model computes in 64 bits", e.Message);
    }

    [Fact]
    public void RefusesAnEmptySequenceAndAMismatchedInput()
    {
        var golden = new GoldenLstm(HandModels.OneUnit());
        Assert.Contains("at least one step", Assert.Throws<FpgaException>(() => golden.RunSequence([])).Message);
        var e = Assert.Throws<FpgaException>(() => golden.RunSequence([new CodedVector(3, [0], [1])]));
        Assert.Contains("step 0 input has 3 columns and 1 codes but the accelerator takes 2 and 1", e.Message);
    }
}
