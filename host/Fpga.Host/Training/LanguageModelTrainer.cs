using System.Diagnostics;

namespace Fpga.Host.Training;

/// <summary>
/// Trains a word-level language model with truncated BPTT over the training stream in order
/// (state carried across windows, reset each epoch), scoring the validation stream after every epoch.
/// With <see cref="TrainingOptions.Distillation"/> the float teacher reads the same windows (its own
/// state carried alike, no dropout, no quantization) and its softened next-word distribution at
/// every step joins the labels as a target.
/// With <see cref="TrainingOptions.LinearDecay"/> the rate falls linearly to zero over all the run's steps.
/// With <see cref="TrainingOptions.AverageFromEpoch"/> it ends with the parameters' mean over the steps from that epoch on.
/// </summary>
public static class LanguageModelTrainer
{
    public static IReadOnlyList<EpochReport> Train(LstmNetwork network, int[] train, int[] valid, TrainingOptions options, Action<EpochReport>? progress = null, Action<int, PassResult>? every = null)
    {
        options.Validate();
        var distillation = options.Distillation;
        if (distillation is not null)
        {
            var teacher = distillation.Teacher;
            if (teacher.Embedding is null || network.Embedding is null || teacher.VocabularySize != network.VocabularySize || teacher.OutputSize != network.OutputSize)
                throw new Diagnostics.FpgaException($"the teacher must be a language model over the student's vocabulary ({network.VocabularySize} in, {network.OutputSize} out), not {teacher.VocabularySize} in, {teacher.OutputSize} out");
        }
        var random = new Random(options.Seed);
        var optimizer = options.CreateOptimizer(network);
        var batches = new TokenStreamBatches(train, options.BatchSize, options.BpttSteps);
        long totalSteps = (long)batches.FullWindows * options.Epochs, step = 0;
        var reports = new List<EpochReport>();
        var average = options.AverageFromEpoch is null ? null : new ParameterAverage(network);
        float[]? soft = null;
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            float rate = options.LearningRateAt(epoch);
            optimizer.LearningRate = rate;
            var clock = Stopwatch.StartNew();
            var score = new PassResult();
            NetworkPass? pass = null, teacherPass = null;
            int window = 0;
            foreach (var batch in batches.Windows())
            {
                // The short tail window would need its own buffers for a handful of tokens; skip it.
                if (batch.Steps != options.BpttSteps) continue;
                pass ??= new NetworkPass(network, options.BatchSize, options.BpttSteps, OutputMode.EveryStep);
                optimizer.LearningRate = options.LearningRateAt(rate, step, totalSteps);
                score += pass.Forward(batch, options.Quantization, options.Dropout, random);
                if (distillation is null)
                {
                    pass.Backward();
                }
                else
                {
                    teacherPass ??= new NetworkPass(distillation.Teacher, options.BatchSize, options.BpttSteps, OutputMode.EveryStep);
                    teacherPass.Forward(batch, QuantizationAware.None);
                    teacherPass.CarryState();
                    soft ??= new float[teacherPass.Probabilities.Length];
                    teacherPass.Probabilities.CopyTo(soft);
                    Distillation.Soften(soft, network.OutputSize, distillation.Temperature);
                    pass.Backward(distillation, soft);
                }
                optimizer.Step();
                step++;
                if (epoch >= options.AverageFromEpoch) average!.Add();
                pass.CarryState();
                if (++window % 200 == 0) every?.Invoke(window, score);
            }
            double seconds = clock.Elapsed.TotalSeconds;
            var report = new EpochReport(epoch, rate, score, LanguageModelEvaluation.Run(network, valid, options.Quantization),
                seconds, score.Count / options.BpttSteps, score.Count);
            reports.Add(report);
            progress?.Invoke(report);
        }
        average?.Apply();
        return reports;
    }
}
