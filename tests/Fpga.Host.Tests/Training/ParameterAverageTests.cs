using Fpga.Host.Datasets;
using Fpga.Host.Diagnostics;
using Fpga.Host.Training;

namespace Fpga.Host.Tests.Training;

/// <summary>The running mean of the parameters, and the trainer ending with it.</summary>
public sealed class ParameterAverageTests
{
    [Fact]
    public void TheMeanOfThreeSnapshotsIsWrittenBack()
    {
        var network = LstmNetwork.Create(new NetworkShape(2, 3, 1, 2), seed: 1);
        var first = network.Parameters.Select(p => (float[])p.Value.Clone()).ToArray();
        var average = new ParameterAverage(network);
        average.Add();
        foreach (var p in network.Parameters) for (int i = 0; i < p.Value.Length; i++) p.Value[i] += 1f;
        average.Add();
        foreach (var p in network.Parameters) for (int i = 0; i < p.Value.Length; i++) p.Value[i] += 4f;
        average.Add();
        average.Apply();
        Assert.Equal(3, average.Count);
        var parameters = network.Parameters.ToArray();
        for (int k = 0; k < parameters.Length; k++)
        {
            for (int i = 0; i < first[k].Length; i++) Assert.Equal(first[k][i] + 2f, parameters[k].Value[i], 4);
        }
    }

    [Fact]
    public void TrainingWithAveragingIsReproducibleAndDiffersFromTheLastStep()
    {
        var random = new Random(2);
        var labels = Enumerable.Range(0, 30).Select(i => (byte)(i % 2)).ToArray();
        var pixels = Enumerable.Range(0, 30 * 9).Select(k => (float)random.NextDouble() * 0.5f + (k % 2 == labels[k / 9] ? 0.5f : 0f)).ToArray();
        var images = new ImageSet(pixels, labels, 3, 3, 2);
        float[] Train(int? from)
        {
            var network = LstmNetwork.Create(new NetworkShape(3, 4, 1, 2), seed: 3);
            ClassifierTrainer.Train(network, images, images, new TrainingOptions { Epochs = 3, BatchSize = 10, LearningRate = 1e-2f, Seed = 4, AverageFromEpoch = from });
            return network.DenseWeight.Value;
        }
        Assert.Equal(Train(2), Train(2));
        Assert.NotEqual(Train(null), Train(2));
        Assert.Throws<FpgaException>(() => new TrainingOptions { Epochs = 3, AverageFromEpoch = 4 }.Validate());
        Assert.Throws<FpgaException>(() => new TrainingOptions { Epochs = 3, AverageFromEpoch = 0 }.Validate());
    }
}
