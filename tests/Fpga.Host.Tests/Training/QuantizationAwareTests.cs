using Fpga.Host.Models;
using Fpga.Host.Quantization;
using Fpga.Host.Training;

namespace Fpga.Host.Tests.Training;

public sealed class QuantizationAwareTests
{
    [Fact]
    public void ReconstructionEqualsDequantize()
    {
        var random = new Random(8);
        var matrix = Enumerable.Range(0, 7 * 70).Select(_ => random.NextSingle() - 0.5f).ToArray();
        var q = Quantizer.QuantizeRows(matrix, 7, 70, new QuantizerOptions(QuantMethod.Alternating, 3));
        var fast = new float[matrix.Length];
        FakeQuantization.Reconstruct(q, fast);
        Assert.Equal(q.Dequantize(), fast);
    }

    [Fact]
    public void WeightQuantizedForwardEqualsTheFloatForwardOfTheQuantizedWeights()
    {
        var network = LstmNetwork.Create(new NetworkShape(5, 6, 1, 4), seed: 9);
        var batch = GradientCheckTests.FeatureBatch(3, 4, 5, 4, seed: 10, OutputMode.LastStep);
        var options = new QuantizerOptions(QuantMethod.Greedy, 2);
        var quantized = new PassResult();
        var pass = new NetworkPass(network, 3, 4, OutputMode.LastStep);
        quantized = pass.Forward(batch, new QuantizationAware(options, null));
        var fakeProbabilities = pass.Probabilities.ToArray();

        foreach (var p in network.Parameters.Where(p => p.IsQuantizedMatrix))
        {
            FakeQuantization.Apply(p.Value, p.Rows, p.Cols, options, p.Value);
        }
        var plain = pass.Forward(batch, QuantizationAware.None);
        Assert.Equal(plain.LossSum, quantized.LossSum, 5);
        Assert.Equal(fakeProbabilities, pass.Probabilities.ToArray());
    }

    [Fact]
    public void StraightThroughTrainingStepsChangeTheFloatMasters()
    {
        var network = LstmNetwork.Create(new NetworkShape(5, 6, 1, 4), seed: 12);
        var before = network.Layers[0].WeightHh.Value.ToArray();
        var batch = GradientCheckTests.FeatureBatch(3, 4, 5, 4, seed: 13, OutputMode.LastStep);
        var pass = new NetworkPass(network, 3, 4, OutputMode.LastStep);
        var both = new QuantizationAware(new QuantizerOptions(QuantMethod.Alternating, 2), new QuantizerOptions(QuantMethod.Alternating, 2));
        var optimizer = new AdamOptimizer(network.Parameters.ToArray(), 1e-2f, 5f);
        double first = pass.Forward(batch, both).MeanLoss;
        for (int i = 0; i < 60; i++)
        {
            pass.Forward(batch, both);
            pass.Backward();
            optimizer.Step();
        }
        Assert.NotEqual(before, network.Layers[0].WeightHh.Value);
        Assert.True(pass.Forward(batch, both).MeanLoss < first * 0.7, "quantization-aware steps should fit a tiny batch");
    }

    [Fact]
    public void TheTrainedNetworkRunsTheSameInTheReferenceForwardPass()
    {
        var network = LstmNetwork.Create(new NetworkShape(4, 5, 2, 3), seed: 14);
        var batch = GradientCheckTests.FeatureBatch(2, 3, 4, 3, seed: 15, OutputMode.EveryStep);
        var pass = new NetworkPass(network, 2, 3, OutputMode.EveryStep);
        pass.Forward(batch, QuantizationAware.None);
        var probabilities = pass.Probabilities.ToArray();

        // The reference pass is batch-major; the training pass is step-major.
        var batchMajor = new float[batch.Features!.Length];
        for (int t = 0; t < 3; t++)
            for (int b = 0; b < 2; b++)
                batch.Features.AsSpan((t * 2 + b) * 4, 4).CopyTo(batchMajor.AsSpan((b * 3 + t) * 4, 4));
        var logits = LstmForwardPass.Run(network.ToModel(), LstmSequenceBatch.FromFeatures(batchMajor, 2, 3, 4));
        for (int t = 0; t < 3; t++)
        {
            for (int b = 0; b < 2; b++)
            {
                var row = logits.AsSpan((b * 3 + t) * 3, 3).ToArray();
                float max = row.Max();
                var exp = row.Select(v => MathF.Exp(v - max)).ToArray();
                for (int o = 0; o < 3; o++) Assert.Equal(exp[o] / exp.Sum(), probabilities[(t * 2 + b) * 3 + o], 5);
            }
        }
    }
}
