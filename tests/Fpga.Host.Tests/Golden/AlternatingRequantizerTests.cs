using Fpga.Gen.Spec;
using Fpga.Host.Golden;
using Fpga.Host.Models;
using Fpga.Host.Quantization;

namespace Fpga.Host.Tests.Golden;

/// <summary>Alternating re-quantization (docs/NUMERICS.md step 6) in the golden model's integers.</summary>
public sealed class AlternatingRequantizerTests
{
    private static AcceleratorSpec Spec(int hidden, int ka, int cycles = 2) => new AcceleratorSpec
    {
        InputSize = 3, HiddenSize = hidden, ActivationCodes = ka, Pe = 1,
        Requantization = HiddenRequantization.Alternating, AlternatingCycles = cycles,
    }.Validate();

    /// <summary>sum_k (r0[k] - value[k] * 2^(F*-FG))^2 at the residual fraction F* (= FH = FG = 10 here).</summary>
    private static long Error(long[] hidden, CodedVector codes)
    {
        long error = 0;
        for (int k = 0; k < hidden.Length; k++)
        {
            long value = 0;
            for (int j = 0; j < codes.Codes; j++) value += codes.Bit(j, k) ? codes.Coefficients[j] : -codes.Coefficients[j];
            error += (hidden[k] - value) * (hidden[k] - value);
        }
        return error;
    }

    private static long[] RandomHidden(Random random, int n) =>
        Enumerable.Range(0, n).Select(_ => (long)Math.Round(Math.Tanh(random.NextDouble() * 4 - 2) * random.NextDouble() * 1024)).ToArray();

    [Fact]
    public void OneCodeIsTheGreedyMean()
    {
        // ka = 1: Q = [H], c = sum |r0|, so the refit is greedy's rdiv(S, H) and the codes the signs.
        var spec = Spec(3, 1);
        var widths = DerivedWidths.For(spec);
        long[] h = [100, -50, 7];
        var alternating = HiddenRequantizer.Alternating(h, spec, widths);
        var greedy = HiddenRequantizer.Greedy(h, spec, widths);
        Assert.Equal(greedy.Coefficients, alternating.Coefficients);
        Assert.Equal(greedy.Planes, alternating.Planes);
    }

    [Fact]
    public void TwoCodesByHand()
    {
        // Greedy on [100, -50, 7, 40]: G0 = rdiv(197, 4) = 49, r = [51, -1, -42, -9], G1 = rdiv(103, 4) = 26,
        // codes C0 = + - + +, C1 = + - - -. Refit: Q01 = 4 - 2 * 2 = 0, c = [197, 103]... as computed below.
        var spec = Spec(4, 2, cycles: 1);
        var widths = DerivedWidths.For(spec);
        var result = HiddenRequantizer.Alternating([100, -50, 7, 40], spec, widths);
        // Q = [[4, 0], [0, 4]], c0 = 100 + 50 + 7 + 40 = 197, c1 = 100 + 50 - 7 - 40 = 103;
        // adj = [[4, 0], [0, 4]], det = 16, N = [788, 412]: G = [rdiv(788, 16), rdiv(412, 16)] = [49, 26].
        Assert.Equal([49L, 26], result.Coefficients);
        // Levels -75 (p 0), -23 (p 2), 23 (p 1), 75 (p 3); midpoints -49, 0, 49 (times 2: -98, 0, 98).
        // 2 r0 = [200, -100, 14, 80] -> levels 3, 0, 2, 2 -> patterns 3, 0, 1, 1.
        Assert.Equal(0b1101UL, result.Plane(0)[0]);
        Assert.Equal(0b0001UL, result.Plane(1)[0]);
    }

    [Fact]
    public void EqualUnitsGiveDependentCodesAndKeepTheGreedyCoefficients()
    {
        // All units 300: greedy G0 = 300, residuals 0, so C1 = C0 and det Q = 0: the refit keeps G.
        var spec = Spec(8, 2);
        var widths = DerivedWidths.For(spec);
        var h = Enumerable.Repeat(300L, 8).ToArray();
        var result = HiddenRequantizer.Alternating(h, spec, widths);
        Assert.Equal(HiddenRequantizer.Greedy(h, spec, widths).Coefficients, result.Coefficients);
        Assert.Equal(0, Error(h, result));
    }

    [Theory]
    [InlineData(2, 16)]
    [InlineData(2, 128)]
    [InlineData(3, 33)]
    [InlineData(3, 128)]
    public void NeverWorseThanGreedyOnRandomVectors(int ka, int hidden)
    {
        var spec = Spec(hidden, ka);
        var widths = DerivedWidths.For(spec);
        var random = new Random(hidden * 10 + ka);
        int better = 0;
        for (int v = 0; v < 200; v++)
        {
            var h = RandomHidden(random, hidden);
            long greedy = Error(h, HiddenRequantizer.Greedy(h, spec, widths));
            long alternating = Error(h, HiddenRequantizer.Alternating(h, spec, widths));
            Assert.True(alternating <= greedy, $"vector {v}: alternating error {alternating} > greedy {greedy}");
            if (alternating < greedy) better++;
        }
        // The refit is not a no-op: most vectors improve.
        Assert.True(better > 150, $"only {better} of 200 vectors improved");
    }

    [Theory]
    [InlineData(1, 64)]
    [InlineData(2, 64)]
    [InlineData(3, 128)]
    public void CloseToTheFloatAlgorithm(int ka, int hidden)
    {
        // The float algorithm of Xu et al. on the same vector: the integer one may differ only by
        // the rounding of its coefficients (half an LSB each) and ties, a few LSB^2 a unit.
        var spec = Spec(hidden, ka);
        var widths = DerivedWidths.For(spec);
        var random = new Random(ka * 7 + hidden);
        double totalFloat = 0, totalInteger = 0;
        for (int v = 0; v < 100; v++)
        {
            var h = RandomHidden(random, hidden);
            var reference = Quantizer.QuantizeVector(h.Select(x => (float)x).ToArray(), new QuantizerOptions(QuantMethod.Alternating, ka, Cycles: 2));
            double floatError = 0;
            for (int k = 0; k < hidden; k++) floatError += Math.Pow(h[k] - reference.Value(0, k), 2);
            double integerError = Error(h, HiddenRequantizer.Alternating(h, spec, widths));
            Assert.True(integerError <= floatError * 1.05 + hidden * ka, $"vector {v}: integer error {integerError}, float {floatError:F1}");
            totalFloat += floatError;
            totalInteger += integerError;
        }
        Assert.InRange(totalInteger / totalFloat, 0.95, 1.02);
    }

    [Fact]
    public void TheGoldenModelReQuantizesAlternatingEveryStep()
    {
        // Not greedy in disguise: each step's codes are HiddenRequantizer.Alternating of its h.
        var model = RandomLstmModel.Create(6, 16, layers: 2, denseOutputs: 0, seed: 5);
        var method = new ActivationQuantization(QuantMethod.Alternating, 2);
        var (quantized, _) = ModelQuantizer.Quantize(model, new QuantizerOptions(QuantMethod.Alternating, 2), method);
        var spec = AcceleratorSpecs.ForModel(quantized, new AcceleratorSpec { Requantization = HiddenRequantization.Alternating });
        var golden = new GoldenLstm(ModelImage.Build(quantized, spec));
        var batch = RandomLstmModel.Inputs(1, 6, 6, seed: 6);
        var trace = new List<GoldenStepTrace>();
        golden.RunSequence(StepInput.QuantizeSequence(batch, 0, method, spec), trace);
        int differs = 0;
        foreach (var layer in trace.SelectMany(t => t.Layers))
        {
            var expected = HiddenRequantizer.Alternating(layer.Hidden, spec, golden.Widths);
            Assert.Equal(expected.Coefficients, layer.Requantized.Coefficients);
            Assert.Equal(expected.Planes, layer.Requantized.Planes);
            if (!HiddenRequantizer.Greedy(layer.Hidden, spec, golden.Widths).Coefficients.SequenceEqual(expected.Coefficients)) differs++;
        }
        Assert.True(differs > 0, "alternating never differed from greedy");
    }
}
