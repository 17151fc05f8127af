using Fpga.Host.Quantization;
using Fpga.Host.Training;

namespace Fpga.Host.Tests.Training;

public sealed class IterativeQuantizationTests
{
    [Fact]
    public void RetrainsFromQuantizedWeightsEachRoundAndEndsOnTheGrid()
    {
        var network = LstmNetwork.Create(new NetworkShape(5, 6, 1, 3), seed: 21);
        var options = new QuantizerOptions(QuantMethod.Alternating, 2);
        var seenAtRoundStart = new List<int>();
        IterativeQuantization.Run(network, options, rounds: 3, round =>
        {
            // Each round starts from quantized weights: at most 2^2 distinct values per row.
            seenAtRoundStart.Add(MaxDistinctPerRow(network.Layers[0].WeightHh));
            // Stand-in for retraining: move every weight off the grid.
            var random = new Random(round);
            foreach (var p in network.Parameters) for (int i = 0; i < p.Value.Length; i++) p.Value[i] += 0.01f * (random.NextSingle() - 0.5f);
        });
        Assert.Equal(3, seenAtRoundStart.Count);
        Assert.All(seenAtRoundStart, n => Assert.True(n <= 4));
        Assert.All(network.Parameters.Where(p => p.IsQuantizedMatrix), p => Assert.True(MaxDistinctPerRow(p) <= 4, p.Name));
        Assert.True(network.Layers[0].BiasIh.Value.Distinct().Count() > 4, "biases stay float");
    }

    private static int MaxDistinctPerRow(TrainableTensor p) =>
        Enumerable.Range(0, p.Rows).Max(r => p.Value.AsSpan(r * p.Cols, p.Cols).ToArray().Distinct().Count());
}
