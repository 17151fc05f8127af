using Fpga.Host.Datasets;
using Fpga.Host.Models;
using Fpga.Host.Quantization;
using Fpga.Host.Training;
using Fpga.Host.Tests.Support;

namespace Fpga.Host.Tests.Training;

/// <summary>The shipped Fashion-MNIST model still imports as a PyTorch state dict and still classifies (first 1,000 test images only, to stay fast).</summary>
public sealed class ShippedModelTests
{
    private static string ShippedModel(string name) => ShippedFiles.Path(name);

    [Fact]
    public void TheFloatFashionMnistModelIsOneLayerOf128AndScoresAboveEightyEightPercent()
    {
        var model = ModelFileReader.Read(ShippedModel("fashion-mnist-lstm128.safetensors")).FloatModel!;
        Assert.Single(model.Layers);
        Assert.Equal(128, model.Layers[0].HiddenSize);
        Assert.Equal(28, model.InputSize);
        Assert.Equal(10, model.OutputSize);
        var accuracy = ClassifierEvaluation.Run(LstmNetwork.FromModel(model), FashionMnist.Test().Take(1000), QuantizationAware.None).Accuracy;
        Assert.True(accuracy > 0.88, $"accuracy {accuracy}");
    }

    [Fact]
    public void TheQuantizationAwareModelKeepsItsAccuracyWithTwoBitWeightsAndActivations()
    {
        var model = ModelFileReader.Read(ShippedModel("fashion-mnist-lstm128-alternating-w2a2.safetensors")).FloatModel!;
        var options = new QuantizerOptions(QuantMethod.Alternating, 2);
        var network = LstmNetwork.FromModel(model).WithQuantizedWeights(options);
        var accuracy = ClassifierEvaluation.Run(network, FashionMnist.Test().Take(1000), new QuantizationAware(null, options)).Accuracy;
        Assert.True(accuracy > 0.86, $"W2/A2 accuracy {accuracy}");
    }
}
