using Fpga.Host.Datasets;
using Fpga.Host.Diagnostics;
using Fpga.Host.Training;

namespace Fpga.Host.Tests.Training;

/// <summary>
/// The distillation gradient against central finite differences of the loss it claims to follow,
/// (1 - w) CE(y, p) + w T^2 CE(q_T, p_T), and the trainer's use of a teacher.
/// </summary>
public sealed class DistillationTests
{
    private const float Step = 1e-2f;

    [Theory]
    [InlineData(0.5f, 1f)]
    [InlineData(0.7f, 2f)]
    [InlineData(1f, 4f)]
    public void GradientsMatchFiniteDifferencesOfTheDistillationLoss(float weight, float temperature)
    {
        const int classes = 5;
        var network = LstmNetwork.Create(new NetworkShape(3, 4, 1, classes), seed: 7);
        var batch = GradientCheckTests.FeatureBatch(batch: 3, steps: 3, features: 3, classes: classes, seed: 8, OutputMode.LastStep);
        var random = new Random(9);
        var teacherSoft = Enumerable.Range(0, batch.Batch * classes).Select(_ => (float)random.NextDouble() + 0.1f).ToArray();
        for (int r = 0; r < batch.Batch; r++)
        {
            var row = teacherSoft.AsSpan(r * classes, classes);
            float sum = 0;
            foreach (float v in row) sum += v;
            for (int c = 0; c < classes; c++) row[c] /= sum;
        }
        var distillation = new Distillation(network, weight, temperature);
        var pass = new NetworkPass(network, batch.Batch, batch.Steps, OutputMode.LastStep);
        double Loss()
        {
            double label = pass.Forward(batch, QuantizationAware.None).MeanLoss;
            var soft = pass.Probabilities.ToArray();
            Distillation.Soften(soft, classes, temperature);
            double cross = 0;
            for (int i = 0; i < soft.Length; i++) cross -= teacherSoft[i] * Math.Log(soft[i]);
            return (1 - weight) * label + weight * temperature * temperature * cross / batch.Batch;
        }

        Loss();
        pass.Backward(distillation, teacherSoft);
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
            }
        }
    }

    [Theory]
    [InlineData(0.5f, 1f)]
    [InlineData(0.8f, 2f)]
    public void LanguageModelGradientsMatchFiniteDifferencesOfTheDistillationLossAtEveryStep(float weight, float temperature)
    {
        const int vocabulary = 6, batchSize = 2, steps = 3;
        var network = LstmNetwork.Create(new NetworkShape(4, 3, 1, vocabulary, VocabularySize: vocabulary), seed: 12);
        var random = new Random(13);
        var tokens = Enumerable.Range(0, batchSize * steps).Select(_ => random.Next(vocabulary)).ToArray();
        var targets = Enumerable.Range(0, batchSize * steps).Select(_ => random.Next(vocabulary)).ToArray();
        var batch = new SequenceBatch(batchSize, steps, null, tokens, targets);
        var teacherSoft = RandomRows(batchSize * steps, vocabulary, random);
        var distillation = new Distillation(network, weight, temperature);
        var pass = new NetworkPass(network, batchSize, steps, OutputMode.EveryStep);
        double Loss()
        {
            pass.ResetState();
            double label = pass.Forward(batch, QuantizationAware.None).MeanLoss;
            var soft = pass.Probabilities.ToArray();
            Distillation.Soften(soft, vocabulary, temperature);
            double cross = 0;
            for (int i = 0; i < soft.Length; i++) cross -= teacherSoft[i] * Math.Log(soft[i]);
            return (1 - weight) * label + weight * temperature * temperature * cross / (batchSize * steps);
        }

        Loss();
        pass.Backward(distillation, teacherSoft);
        int nonzero = 0;
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
                if (Math.Abs(numeric) > 1e-2) nonzero++;
            }
        }
        Assert.True(nonzero > 20, $"only {nonzero} gradients are clearly nonzero");
    }

    [Fact]
    public void LanguageModelTrainerLearnsFromATeacherAndRejectsOneOverAnotherVocabulary()
    {
        var random = new Random(14);
        // A stream with structure (each token mostly followed by the next id) so that a teacher can learn it.
        var stream = new int[2000];
        for (int i = 1; i < stream.Length; i++) stream[i] = random.NextDouble() < 0.8 ? (stream[i - 1] + 1) % 7 : random.Next(7);
        var shape = new NetworkShape(5, 6, 1, 7, VocabularySize: 7);
        var teacher = LstmNetwork.Create(shape, seed: 1);
        var options = new TrainingOptions { Epochs = 2, BatchSize = 4, BpttSteps = 5, LearningRate = 1e-2f, Seed = 2 };
        LanguageModelTrainer.Train(teacher, stream, stream[..400], options);
        var student = LstmNetwork.Create(shape, seed: 3);
        var before = LanguageModelEvaluation.Run(student, stream[..400], QuantizationAware.None).Perplexity;
        var reports = LanguageModelTrainer.Train(student, stream, stream[..400], options with { Distillation = new Distillation(teacher, 0.5f, 2f) });
        Assert.True(reports[^1].Held.Perplexity < 0.7 * before, $"valid perplexity {before} -> {reports[^1].Held.Perplexity}");

        var other = LstmNetwork.Create(new NetworkShape(5, 6, 1, 8, VocabularySize: 8), seed: 1);
        Assert.Throws<FpgaException>(() => LanguageModelTrainer.Train(student, stream, stream[..400], options with { Distillation = new Distillation(other, 0.5f, 2f) }));
    }

    [Fact]
    public void LinearDecayFallsToZeroOverTheRunAndIsOffByDefault()
    {
        var options = new TrainingOptions { LearningRate = 2f, LinearDecay = true };
        Assert.Equal(2f, options.LearningRateAt(2f, 0, 100));
        Assert.Equal(1f, options.LearningRateAt(2f, 50, 100), 6);
        Assert.Equal(0.02f, options.LearningRateAt(2f, 99, 100), 6);
        Assert.Equal(0.5f, options.LearningRateAt(0.5f, 0, 100));
        Assert.Equal(2f, (options with { LinearDecay = false }).LearningRateAt(2f, 99, 100));
    }

    private static float[] RandomRows(int rows, int classes, Random random)
    {
        var values = Enumerable.Range(0, rows * classes).Select(_ => (float)random.NextDouble() + 0.1f).ToArray();
        for (int r = 0; r < rows; r++)
        {
            var row = values.AsSpan(r * classes, classes);
            float sum = 0;
            foreach (float v in row) sum += v;
            for (int c = 0; c < classes; c++) row[c] /= sum;
        }
        return values;
    }

    [Fact]
    public void SoftenRaisesTheEntropyAndKeepsRowsNormalized()
    {
        float[] p = [0.7f, 0.2f, 0.1f, 0.5f, 0.25f, 0.25f];
        Distillation.Soften(p, 3, 2f);
        Assert.Equal(1f, p[0] + p[1] + p[2], 5);
        Assert.Equal(1f, p[3] + p[4] + p[5], 5);
        Assert.True(p[0] < 0.7f && p[2] > 0.1f);
        Assert.Equal(MathF.Sqrt(0.7f) / (MathF.Sqrt(0.7f) + MathF.Sqrt(0.2f) + MathF.Sqrt(0.1f)), p[0], 5);
    }

    [Fact]
    public void TrainerLearnsFromATeacherAndRejectsBadSettings()
    {
        var images = TinyImages(40, seed: 3);
        var teacher = LstmNetwork.Create(new NetworkShape(4, 6, 1, 3), seed: 1);
        ClassifierTrainer.Train(teacher, images, images, new TrainingOptions { Epochs = 3, BatchSize = 10, LearningRate = 1e-2f, Seed = 2 });
        var student = LstmNetwork.Create(new NetworkShape(4, 6, 1, 3), seed: 4);
        var reports = ClassifierTrainer.Train(student, images, images,
            new TrainingOptions { Epochs = 3, BatchSize = 10, LearningRate = 1e-2f, Seed = 2, Distillation = new Distillation(teacher, 0.5f, 2f) });
        Assert.True(reports[^1].Train.MeanLoss < reports[0].Train.MeanLoss);
        Assert.Throws<FpgaException>(() => new TrainingOptions { Distillation = new Distillation(teacher, 0f, 2f) }.Validate());
        Assert.Throws<FpgaException>(() => new TrainingOptions { Distillation = new Distillation(teacher, 0.5f, 0.5f) }.Validate());
        // A classifier cannot teach a language model.
        Assert.Throws<FpgaException>(() => LanguageModelTrainer.Train(student, [1, 2, 0, 1], [1, 2], new TrainingOptions { Distillation = new Distillation(teacher, 0.5f, 2f) }));
    }

    private static ImageSet TinyImages(int count, int seed)
    {
        var random = new Random(seed);
        var labels = Enumerable.Range(0, count).Select(i => (byte)(i % 3)).ToArray();
        var pixels = new float[count * 16];
        for (int i = 0; i < count; i++)
        {
            for (int k = 0; k < 16; k++) pixels[i * 16 + k] = (float)random.NextDouble() * 0.3f + (k % 3 == labels[i] ? 0.7f : 0f);
        }
        return new ImageSet(pixels, labels, 4, 4, 3);
    }
}
