using Fpga.Gen.Spec;
using Fpga.Host.Diagnostics;
using Fpga.Host.Golden;
using Fpga.Host.Models;
using Fpga.Host.Quantization;
using Fpga.Host.Tests.Support;

namespace Fpga.Host.Tests.Golden;

public sealed class AcceleratorSpecsTests
{
    [Fact]
    public void SizesAndCodesComeFromTheModel()
    {
        var (_, quantized) = GoldenModels.Random(7, 6, layers: 3, dense: 4, codes: 3, seed: 1);
        var template = new AcceleratorSpec { Gate = new FixedFormat(20, 12), Nonlinearity = NonlinearityKind.PiecewiseLinear };
        var spec = AcceleratorSpecs.ForModel(quantized, pe: 2, simd: 16, template);
        Assert.Equal((7, 6, 3, 4, 3, 3, 2, 16), (spec.InputSize, spec.HiddenSize, spec.Layers, spec.DenseOutputs, spec.WeightCodes, spec.ActivationCodes, spec.Pe, spec.Simd));
        Assert.Equal(new FixedFormat(20, 12), spec.Gate);
        Assert.Equal(NonlinearityKind.PiecewiseLinear, spec.Nonlinearity);
        Assert.Equal(OutputMode.LogitsAtEnd, spec.Output);
    }

    [Theory]
    [InlineData(5, 0, 4)]
    [InlineData(5, 3, 4)] // 3 dense rows are padded to 4
    [InlineData(4, 6, 4)]
    public void DefaultFoldingIsOneUnitsFourGatesPerBeat(int hidden, int dense, int pe)
    {
        var (_, quantized) = GoldenModels.Random(3, hidden, layers: 1, dense: dense, codes: 1, seed: 2, method: QuantMethod.Binary);
        Assert.Equal(pe, AcceleratorSpecs.DefaultPe(quantized));
        Assert.Equal(pe, AcceleratorSpecs.ForModel(quantized).Pe);
    }

    [Fact]
    public void Int8WeightsAreRefused()
    {
        var model = RandomLstmModel.Create(3, 2, 1, 0, seed: 3);
        var (quantized, _) = ModelQuantizer.Quantize(model, new QuantizerOptions(QuantMethod.Int8, 8), new ActivationQuantization(QuantMethod.Binary, 1));
        var e = Assert.Throws<FpgaException>(() => AcceleratorSpecs.ForModel(quantized));
        Assert.Contains("weight_ih_l0 (Int8) has non-zero row offsets", e.Message);
    }

    [Fact]
    public void OffsetsOfAnyMethodAreRefused()
    {
        // Test tensors carry random offsets even for binary methods.
        var e = Assert.Throws<FpgaException>(() => AcceleratorSpecs.ForModel(TestQuantizedModels.Minimal()));
        Assert.Contains("non-zero row offsets", e.Message);
    }

    [Fact]
    public void Int8ActivationsAreRefused()
    {
        var model = RandomLstmModel.Create(3, 2, 1, 0, seed: 3);
        var (quantized, _) = ModelQuantizer.Quantize(model, new QuantizerOptions(QuantMethod.Greedy, 2), new ActivationQuantization(QuantMethod.Int8, 8));
        var e = Assert.Throws<FpgaException>(() => AcceleratorSpecs.ForModel(quantized));
        Assert.Contains("int8, which has an offset", e.Message);
    }

    [Fact]
    public void EmbeddingIsRefused()
    {
        var e = Assert.Throws<FpgaException>(() => AcceleratorSpecs.ForModel(TestQuantizedModels.Full()));
        Assert.Contains("embedding, which is not supported on chip yet", e.Message);
    }

    [Fact]
    public void DifferentWeightCodesBetweenLayersAreRefused()
    {
        var (_, two) = GoldenModels.Random(3, 4, layers: 2, dense: 0, codes: 2, seed: 4);
        var (_, three) = GoldenModels.Random(3, 4, layers: 2, dense: 0, codes: 3, seed: 4);
        var mixed = new QuantizedModel([two.Layers[0], new QuantizedLstmLayer(three.Layers[1].WeightIh, three.Layers[1].WeightHh,
            three.Layers[1].BiasIh, three.Layers[1].BiasHh, two.Layers[1].Activations)]);
        var e = Assert.Throws<FpgaException>(() => AcceleratorSpecs.ForModel(mixed));
        Assert.Contains("weight_ih_l1 has 3 weight codes but weight_ih_l0 has 2", e.Message);
    }

    [Fact]
    public void DifferentActivationCodesBetweenLayersAreRefused()
    {
        var (_, two) = GoldenModels.Random(3, 4, layers: 2, dense: 0, codes: 2, seed: 4);
        var upper = two.Layers[1];
        var mixed = new QuantizedModel([two.Layers[0], new QuantizedLstmLayer(upper.WeightIh, upper.WeightHh, upper.BiasIh, upper.BiasHh,
            new ActivationQuantization(QuantMethod.Greedy, 3))]);
        var e = Assert.Throws<FpgaException>(() => AcceleratorSpecs.ForModel(mixed));
        Assert.Contains("layer 1 quantizes its activations to 3 codes but layer 0 to 2", e.Message);
    }

    [Fact]
    public void DifferentHiddenSizesAreRefused()
    {
        var model = new LstmModel([RandomLstmModel.Create(3, 4, 1, 0, 5).Layers[0], RandomLstmModel.Create(4, 2, 1, 0, 6).Layers[0]]);
        var (quantized, _) = ModelQuantizer.Quantize(model, new QuantizerOptions(QuantMethod.Binary, 1), new ActivationQuantization(QuantMethod.Binary, 1));
        var e = Assert.Throws<FpgaException>(() => AcceleratorSpecs.ForModel(quantized));
        Assert.Contains("layer 1 has 2 hidden units but layer 0 has 4", e.Message);
    }

    [Fact]
    public void TooManyCodesAreRefused()
    {
        var (_, quantized) = GoldenModels.Random(3, 2, layers: 1, dense: 0, codes: 5, seed: 7);
        var e = Assert.Throws<FpgaException>(() => AcceleratorSpecs.ForModel(quantized));
        Assert.Contains("the weights use 5 codes; the accelerator supports 1 to 4", e.Message);
    }
}
