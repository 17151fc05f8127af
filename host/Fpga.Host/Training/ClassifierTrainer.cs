using System.Diagnostics;
using Fpga.Host.Datasets;

namespace Fpga.Host.Training;

/// <summary>
/// Trains a sequence classifier on images (one pixel row per step): shuffled mini-batches each
/// epoch (the last partial batch is dropped), scoring <paramref name="held"/> after every epoch;
/// with <see cref="TrainingOptions.Distillation"/>, the float teacher scores every batch first.
/// With <see cref="TrainingOptions.LinearDecay"/> the rate falls linearly to zero over all the run's steps.
/// With <see cref="TrainingOptions.AverageFromEpoch"/> it ends with the parameters' mean over the steps from that epoch on.
/// </summary>
public static class ClassifierTrainer
{
    public static IReadOnlyList<EpochReport> Train(LstmNetwork network, ImageSet train, ImageSet held, TrainingOptions options, Action<EpochReport>? progress = null)
    {
        options.Validate();
        var random = new Random(options.Seed);
        var optimizer = options.CreateOptimizer(network);
        var pass = new NetworkPass(network, options.BatchSize, train.Rows, OutputMode.LastStep);
        var distillation = options.Distillation;
        var teacherPass = distillation is null ? null : new NetworkPass(distillation.Teacher, options.BatchSize, train.Rows, OutputMode.LastStep);
        var order = Enumerable.Range(0, train.Count).ToArray();
        int batches = train.Count / options.BatchSize;
        if (batches == 0) throw new Diagnostics.FpgaException($"{train.Count} training images are fewer than one batch of {options.BatchSize}");
        var reports = new List<EpochReport>();
        var average = options.AverageFromEpoch is null ? null : new ParameterAverage(network);
        long totalSteps = (long)batches * options.Epochs, step = 0;
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            float rate = options.LearningRateAt(epoch);
            optimizer.LearningRate = rate;
            random.Shuffle(order);
            var clock = Stopwatch.StartNew();
            var score = new PassResult();
            for (int k = 0; k < batches; k++)
            {
                var batch = ImageBatches.Build(train, order.AsSpan(k * options.BatchSize, options.BatchSize));
                optimizer.LearningRate = options.LearningRateAt(rate, step++, totalSteps);
                score += pass.Forward(batch, options.Quantization, options.Dropout, random);
                if (teacherPass is null)
                {
                    pass.Backward();
                }
                else
                {
                    teacherPass.Forward(batch, QuantizationAware.None);
                    var soft = teacherPass.Probabilities.ToArray();
                    Distillation.Soften(soft, distillation!.Teacher.OutputSize, distillation.Temperature);
                    pass.Backward(distillation, soft);
                }
                optimizer.Step();
                if (epoch >= options.AverageFromEpoch) average!.Add();
            }
            double seconds = clock.Elapsed.TotalSeconds;
            long samples = (long)batches * options.BatchSize;
            var report = new EpochReport(epoch, rate, score, ClassifierEvaluation.Run(network, held, options.Quantization), seconds, samples, samples * train.Rows);
            reports.Add(report);
            progress?.Invoke(report);
        }
        average?.Apply();
        return reports;
    }
}
