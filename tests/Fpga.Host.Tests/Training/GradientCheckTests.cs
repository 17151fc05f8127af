using Fpga.Host.Training;

namespace Fpga.Host.Tests.Training;

/// <summary>
/// Every analytic gradient of the backward pass against central finite differences of the loss,
/// on tiny networks. The loss is computed in float, so the step is 1e-2 (truncation error ~1e-5)
/// and the tolerance 2e-3 absolute plus 2% relative: a wrong term in any gate derivative is off by
/// far more than that.
/// </summary>
public sealed class GradientCheckTests
{
    private const float Step = 1e-2f;

    [Fact]
    public void ClassifierGradientsMatchFiniteDifferences()
    {
        var network = LstmNetwork.Create(new NetworkShape(3, 4, 2, 5), seed: 3);
        var batch = FeatureBatch(batch: 2, steps: 3, features: 3, classes: 5, seed: 4, OutputMode.LastStep);
        Check(network, batch, OutputMode.LastStep, dropout: 0f);
    }

    [Fact]
    public void LanguageModelGradientsMatchFiniteDifferencesWithCarriedStateAndDropout()
    {
        var network = LstmNetwork.Create(new NetworkShape(4, 3, 2, 6, VocabularySize: 6), seed: 5);
        var random = new Random(6);
        var tokens = Enumerable.Range(0, 3 * 2).Select(_ => random.Next(6)).ToArray();
        var targets = Enumerable.Range(0, 3 * 2).Select(_ => random.Next(6)).ToArray();
        var batch = new SequenceBatch(2, 3, null, tokens, targets);
        Check(network, batch, OutputMode.EveryStep, dropout: 0.3f, warmUp: true);
    }

    private static void Check(LstmNetwork network, SequenceBatch batch, OutputMode mode, float dropout, bool warmUp = false)
    {
        var pass = new NetworkPass(network, batch.Batch, batch.Steps, mode);
        // A carried-in state must be constant during the check: take it once, then restore it before each run.
        if (warmUp)
        {
            pass.Forward(batch, QuantizationAware.None);
            pass.CarryState();
        }
        var start = new NetworkPass(network, batch.Batch, batch.Steps, mode);
        start.TakeStateFrom(pass);
        double Loss()
        {
            pass.TakeStateFrom(start);
            return pass.Forward(batch, QuantizationAware.None, dropout, dropout > 0 ? new Random(11) : null).MeanLoss;
        }

        Loss();
        pass.Backward();
        int checkedCount = 0;
        foreach (var p in network.Parameters)
        {
            var analytic = (float[])p.Gradient.Clone();
            for (int i = 0; i < p.Value.Length; i++)
            {
                float saved = p.Value[i];
                p.Value[i] = saved + Step;
                double plus = Loss();
                p.Value[i] = saved - Step;
                double minus = Loss();
                p.Value[i] = saved;
                double numeric = (plus - minus) / (2 * Step);
                Assert.True(Math.Abs(analytic[i] - numeric) <= 2e-3 + 0.02 * Math.Abs(numeric),
                    $"{p.Name}[{i}]: analytic {analytic[i]}, finite difference {numeric}");
                checkedCount++;
            }
        }
        Assert.Equal(network.ParameterCount, checkedCount);
        Assert.Contains(network.Parameters, p => p.Gradient.Any(g => g != 0));
    }

    internal static SequenceBatch FeatureBatch(int batch, int steps, int features, int classes, int seed, OutputMode mode)
    {
        var random = new Random(seed);
        var values = Enumerable.Range(0, batch * steps * features).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        int targets = mode == OutputMode.LastStep ? batch : batch * steps;
        return new SequenceBatch(batch, steps, values, null, Enumerable.Range(0, targets).Select(_ => random.Next(classes)).ToArray());
    }
}
