using Fpga.Host.Datasets;
using Fpga.Host.Evaluation;
using Fpga.Host.Quantization;
using Fpga.Host.Training;

namespace Fpga.Host.Tests.Evaluation;

public sealed class QuantizationSweepTests
{
    private static ImageSet TinyImages(int count, int seed)
    {
        var random = new Random(seed);
        var labels = Enumerable.Range(0, count).Select(_ => (byte)random.Next(3)).ToArray();
        // Class c lights row c of a 4x4 image: learnable, not trivially constant.
        var pixels = new float[count * 16];
        for (int n = 0; n < count; n++)
            for (int i = 0; i < 16; i++)
                pixels[n * 16 + i] = (i / 4 == labels[n] ? 0.8f : 0f) + 0.2f * random.NextSingle();
        return new ImageSet(pixels, labels, 4, 4, 3);
    }

    [Fact]
    public void QuantizedWeightsAreTheDequantizedMatricesAndEverythingElseStaysFloat()
    {
        var network = LstmNetwork.Create(new NetworkShape(4, 6, 1, 5, VocabularySize: 7), seed: 1);
        var options = new QuantizerOptions(QuantMethod.Refined, 2);
        var quantized = network.WithQuantizedWeights(options);
        var expected = Quantizer.QuantizeRows(network.Layers[0].WeightHh.Value, 24, 6, options).Dequantize();
        Assert.Equal(expected, quantized.Layers[0].WeightHh.Value);
        Assert.Equal(network.Embedding!.Value, quantized.Embedding!.Value);
        Assert.Equal(network.Layers[0].BiasIh.Value, quantized.Layers[0].BiasIh.Value);
        Assert.NotEqual(network.DenseWeight.Value, quantized.DenseWeight.Value);
    }

    [Fact]
    public void ATrainedTinyClassifierBeatsChanceAndFourBitsStayCloseToFloat()
    {
        var train = TinyImages(600, 2);
        var test = TinyImages(200, 3);
        var network = LstmNetwork.Create(new NetworkShape(4, 8, 1, 3), seed: 4);
        var reports = ClassifierTrainer.Train(network, train, test, new TrainingOptions { Epochs = 8, BatchSize = 20, LearningRate = 1e-2f, Seed = 5 });
        Assert.True(reports[^1].Held.Accuracy > 0.9, $"test accuracy {reports[^1].Held.Accuracy}");

        var configurations = new[] { new SweepConfiguration(null, null), new SweepConfiguration(new QuantizerOptions(QuantMethod.Alternating, 4), null) };
        var results = QuantizationSweep.Run(network, EvaluationData.FromImages(test), configurations).ToArray();
        Assert.Equal(reports[^1].Held.Accuracy, results[0].Score);
        Assert.True(results[1].Score > results[0].Score - 0.1, $"4-bit {results[1].Score} vs float {results[0].Score}");
    }

    [Fact]
    public void TheWeightsOnlySweepHasEveryMethodOfTheTables()
    {
        var labels = SweepConfiguration.WeightsOnly().Select(c => c.Label).ToArray();
        Assert.Equal(13, labels.Length);
        Assert.Equal("float", labels[0]);
        Assert.Contains("alternating 3 W / float A", labels);
        Assert.Contains("binary 1 W / float A", labels);
    }
}
