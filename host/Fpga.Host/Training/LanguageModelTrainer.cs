using System.Diagnostics;

namespace Fpga.Host.Training;

/// <summary>
/// Trains a word-level language model with truncated BPTT over the training stream in order
/// (state carried across windows, reset each epoch), scoring the validation stream after every epoch.
/// With <see cref="TrainingOptions.AverageFromEpoch"/> it ends with the parameters' mean over the steps from that epoch on.
/// </summary>
public static class LanguageModelTrainer
{
    public static IReadOnlyList<EpochReport> Train(LstmNetwork network, int[] train, int[] valid, TrainingOptions options, Action<EpochReport>? progress = null, Action<int, PassResult>? every = null)
    {
        options.Validate();
        if (options.Distillation is not null) throw new Diagnostics.FpgaException("distillation is implemented for classifiers (fashion-mnist), not language models");
        var random = new Random(options.Seed);
        var optimizer = options.CreateOptimizer(network);
        var batches = new TokenStreamBatches(train, options.BatchSize, options.BpttSteps);
        var reports = new List<EpochReport>();
        var average = options.AverageFromEpoch is null ? null : new ParameterAverage(network);
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            optimizer.LearningRate = options.LearningRateAt(epoch);
            var clock = Stopwatch.StartNew();
            var score = new PassResult();
            NetworkPass? pass = null;
            int window = 0;
            foreach (var batch in batches.Windows())
            {
                // The short tail window would need its own buffers for a handful of tokens; skip it.
                if (batch.Steps != options.BpttSteps) continue;
                pass ??= new NetworkPass(network, options.BatchSize, options.BpttSteps, OutputMode.EveryStep);
                score += pass.Forward(batch, options.Quantization, options.Dropout, random);
                pass.Backward();
                optimizer.Step();
                if (epoch >= options.AverageFromEpoch) average!.Add();
                pass.CarryState();
                if (++window % 200 == 0) every?.Invoke(window, score);
            }
            double seconds = clock.Elapsed.TotalSeconds;
            var report = new EpochReport(epoch, optimizer.LearningRate, score, LanguageModelEvaluation.Run(network, valid, options.Quantization),
                seconds, score.Count / options.BpttSteps, score.Count);
            reports.Add(report);
            progress?.Invoke(report);
        }
        average?.Apply();
        return reports;
    }
}
