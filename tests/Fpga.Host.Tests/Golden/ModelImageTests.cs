using Fpga.Gen.Spec;
using Fpga.Host.Diagnostics;
using Fpga.Host.Golden;
using Fpga.Host.Quantization;

namespace Fpga.Host.Tests.Golden;

public sealed class ModelImageTests
{
    /// <summary>One unit, two inputs, one code; W_ih coefficients 0.5, 0.2, 3.0, -2^-11 and biases chosen to round and saturate.</summary>
    private static QuantizedModel HandModel(ActivationQuantization? activations = null) => new(
        [new QuantizedLstmLayer(
            new QuantizedTensor(4, 2, 1, QuantMethod.Binary, [0b01, 0b10, 0b11, 0b00], [0.5f, 0.2f, 3f, -1f / 2048]),
            new QuantizedTensor(4, 1, 1, QuantMethod.Binary, [1, 0, 1, 0], [0.25f, 0.25f, 0.25f, 0.25f]),
            [0.25f, 40f, -0.5f, 0f], [0.125f, 0f, -40f, 1f / 4096],
            activations ?? new ActivationQuantization(QuantMethod.Binary, 1))]);

    private static AcceleratorSpec HandSpec(HiddenRequantization requantization = HiddenRequantization.Greedy) =>
        AcceleratorSpecs.ForModel(HandModel(), pe: 1, simd: 2, new AcceleratorSpec { Requantization = requantization });

    [Fact]
    public void CoefficientsAndBiasesAreRoundedAndSaturated()
    {
        var image = ModelImage.Build(HandModel(), HandSpec());
        var layer = image.Layers[0];
        // A: Q2.10 -> 0.5 * 1024 = 512; 0.2 * 1024 = 204.8 -> 205; 3.0 -> 2047 (saturated); -0.5 -> -1 (half away from zero).
        Assert.Equal([512L, 205, 2047, -1], layer.InputWeights.Coefficients);
        Assert.Equal([256L, 256, 256, 256], layer.HiddenWeights.Coefficients);
        Assert.Equal([0b01UL, 0b10, 0b11, 0b00], layer.InputWeights.Planes);
        // Bias: Q6.10 of b_ih + b_hh: 0.375 -> 384; 40 -> 32767 (saturated); -40.5 -> -32768; 2^-12 -> 0.25 -> 0.
        Assert.Equal([384L, 32767, -32768, 0], layer.Bias);
        Assert.Null(layer.StaticCoefficients);
    }

    [Fact]
    public void StaticCoefficientsComeFromTheCalibration()
    {
        var image = ModelImage.Build(HandModel(), HandSpec(HiddenRequantization.Static), [[0.30]]);
        // 0.3 * 1024 = 307.2 -> 307.
        Assert.Equal([307L], image.Layers[0].StaticCoefficients!);
    }

    [Fact]
    public void StaticWithoutCalibrationIsRefused()
    {
        var e = Assert.Throws<FpgaException>(() => ModelImage.Build(HandModel(), HandSpec(HiddenRequantization.Static)));
        Assert.Contains("calibrated coefficients", e.Message);
    }

    [Fact]
    public void AlternatingRequantizationTakesNoStaticCoefficients()
    {
        Assert.Null(ModelImage.Build(HandModel(), HandSpec(HiddenRequantization.Alternating)).Layers[0].StaticCoefficients);
    }

    [Fact]
    public void ImageCoefficientOutsideItsFormatIsRefused()
    {
        var image = ModelImage.Build(HandModel(), HandSpec());
        var bad = image.Layers[0] with { InputWeights = new ImageMatrix(4, 2, 1, [0, 0, 0, 0], [0, 0, 2048, 0]) };
        var e = Assert.Throws<FpgaException>(() => new ModelImage(image.Spec, [bad], null));
        Assert.Contains("weight_ih_l0 coefficients: value 2 = 2048 is outside the Q2.10 range -2048..2047", e.Message);
    }

    [Fact]
    public void ImageOfTheWrongShapeIsRefused()
    {
        var image = ModelImage.Build(HandModel(), HandSpec());
        var e = Assert.Throws<FpgaException>(() => new ModelImage(image.Spec with { InputSize = 3 }, image.Layers, null));
        Assert.Contains("weight_ih_l0 is 4x2 but the spec needs 4x3", e.Message);
        var codes = Assert.Throws<FpgaException>(() => new ModelImage(image.Spec with { WeightCodes = 2 }, image.Layers, null));
        Assert.Contains("has 1 weight codes but the spec 2", codes.Message);
        var layers = Assert.Throws<FpgaException>(() => new ModelImage(image.Spec with { Layers = 2 }, image.Layers, null));
        Assert.Contains("the image has 1 layers but the spec 2", layers.Message);
    }

    [Fact]
    public void NegativeStaticCoefficientIsRefused()
    {
        var image = ModelImage.Build(HandModel(), HandSpec(HiddenRequantization.Static), [[0.3]]);
        var e = Assert.Throws<FpgaException>(() => new ModelImage(image.Spec, [image.Layers[0] with { StaticCoefficients = [-1] }], null));
        Assert.Contains("must not be negative", e.Message);
    }

    [Fact]
    public void DenseLayerMustMatchTheSpec()
    {
        var image = ModelImage.Build(HandModel(), HandSpec());
        var e = Assert.Throws<FpgaException>(() => new ModelImage(image.Spec with { DenseOutputs = 2 }, image.Layers, null));
        Assert.Contains("the spec has 2 dense outputs but the image no dense layer", e.Message);
    }
}
