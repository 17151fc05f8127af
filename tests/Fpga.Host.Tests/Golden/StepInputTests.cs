using Fpga.Gen.Spec;
using Fpga.Host.Diagnostics;
using Fpga.Host.Golden;
using Fpga.Host.Quantization;

namespace Fpga.Host.Tests.Golden;

public sealed class StepInputTests
{
    private static readonly AcceleratorSpec Spec = new AcceleratorSpec { InputSize = 3, HiddenSize = 2, ActivationCodes = 1, Pe = 1 }.Validate();

    [Fact]
    public void BinaryInputIsSignsAndTheRoundedMeanMagnitude()
    {
        var codes = StepInput.Quantize([0.5f, -0.25f, 1f], new ActivationQuantization(QuantMethod.Binary, 1), Spec);
        // mean |x| = 0.58333 -> 597.33 at fraction 10 -> 597; signs + - +.
        Assert.Equal([597L], codes.Coefficients);
        Assert.Equal([0b101UL], codes.Planes);
    }

    [Fact]
    public void GreedyInputMatchesTheFloatQuantizer()
    {
        var spec = Spec with { ActivationCodes = 3 };
        float[] x = [0.9f, -0.1f, 0.35f];
        var method = new ActivationQuantization(QuantMethod.Greedy, 3);
        var codes = StepInput.Quantize(x, method, spec);
        var reference = Quantizer.QuantizeVector(x, new QuantizerOptions(QuantMethod.Greedy, 3));
        Assert.Equal(reference.Planes, codes.Planes);
        Assert.Equal(reference.Coefficients.Select(g => (long)Math.Round(g * 1024.0, MidpointRounding.AwayFromZero)), codes.Coefficients);
    }

    [Fact]
    public void WrongLengthIsRefused()
    {
        var e = Assert.Throws<FpgaException>(() => StepInput.Quantize([1f, 2f], new ActivationQuantization(QuantMethod.Binary, 1), Spec));
        Assert.Contains("a step input has 2 features but the accelerator takes 3", e.Message);
    }

    [Fact]
    public void Int8IsRefused()
    {
        var e = Assert.Throws<FpgaException>(() => StepInput.Quantize([1f, 2f, 3f], new ActivationQuantization(QuantMethod.Int8, 8), Spec));
        Assert.Contains("offset", e.Message);
    }

    [Fact]
    public void CodeCountMustMatchTheSpec()
    {
        var e = Assert.Throws<FpgaException>(() => StepInput.Quantize([1f, 2f, 3f], new ActivationQuantization(QuantMethod.Greedy, 2), Spec));
        Assert.Contains("uses 2 codes but the accelerator 1", e.Message);
    }
}
