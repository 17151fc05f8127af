using Fpga.Host.Datasets;
using Fpga.Host.Training;

namespace Fpga.Host.Tests.Training;

public sealed class ReproducibilityTests
{
    private static float[] TrainOnce(int seed)
    {
        var random = new Random(7);
        var labels = Enumerable.Range(0, 96).Select(_ => (byte)random.Next(2)).ToArray();
        var pixels = Enumerable.Range(0, 96 * 9).Select(_ => random.NextSingle()).ToArray();
        var images = new ImageSet(pixels, labels, 3, 3, 2);
        var network = LstmNetwork.Create(new NetworkShape(3, 5, 1, 2), seed);
        ClassifierTrainer.Train(network, images, images, new TrainingOptions { Epochs = 2, BatchSize = 16, Dropout = 0.2f, Seed = seed });
        return network.Parameters.SelectMany(p => p.Value).ToArray();
    }

    [Fact]
    public void TheSameSeedTrainsTheSameWeightsAndAnotherSeedDoesNot()
    {
        Assert.Equal(TrainOnce(1), TrainOnce(1));
        Assert.NotEqual(TrainOnce(1), TrainOnce(2));
    }
}
