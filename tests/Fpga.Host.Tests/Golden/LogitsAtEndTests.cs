using Fpga.Gen.Spec;
using Fpga.Host.Golden;

namespace Fpga.Host.Tests.Golden;

public sealed class LogitsAtEndTests
{
    [Fact]
    public void LogitsComeOnceFromTheLastRequantizedHiddenState()
    {
        var (_, quantized) = GoldenModels.Random(4, 5, layers: 2, dense: 3, codes: 2, seed: 8);
        var spec = AcceleratorSpecs.ForModel(quantized);
        Assert.Equal(OutputMode.LogitsAtEnd, spec.Output);
        var image = ModelImage.Build(quantized, spec);
        var trace = new List<GoldenStepTrace>();
        var output = new GoldenLstm(image).RunSequence(GoldenModels.Inputs(image, quantized.Layers[0].Activations, 5, seed: 9), trace);

        Assert.Equal(OutputMode.LogitsAtEnd, output.Mode);
        var logits = Assert.Single(output.Values);
        Assert.All(trace.Take(4), step => Assert.Null(step.Logits));
        var last = trace[^1].Layers[^1].Requantized;
        for (int r = 0; r < 3; r++)
        {
            long acc = GoldenModels.Product(image.Dense!.Weights, r, last);
            Assert.Equal(acc, trace[^1].DenseAccumulators![r]);
            Assert.Equal(GoldenModels.PreActivation(acc, image.Dense.Bias[r], spec), logits[r]);
        }
        Assert.Equal(logits.Select(l => (float)Math.ScaleB(l, -spec.Gate.Fraction)), output.Dequantize(spec));
    }

    [Fact]
    public void HiddenEveryStepIgnoresTheDenseLayer()
    {
        var (_, quantized) = GoldenModels.Random(4, 5, layers: 1, dense: 3, codes: 2, seed: 8);
        var spec = AcceleratorSpecs.ForModel(quantized) with { Output = OutputMode.HiddenEveryStep };
        var image = ModelImage.Build(quantized, spec);
        var output = new GoldenLstm(image).RunSequence(GoldenModels.Inputs(image, quantized.Layers[0].Activations, 3, seed: 9));
        Assert.Equal(3, output.Values.Count);
        Assert.All(output.Values, h => Assert.Equal(5, h.Length));
    }
}
