using System.Diagnostics;

namespace Fpga.Bench;

/// <summary>
/// Wall-clock figures in seconds: the median of repetitions after a warm-up long enough for
/// tiered compilation to replace the first, unoptimized code (it waits for a quiet 100 ms
/// before promoting methods, so a warm-up counted in calls can end before that happens).
/// </summary>
internal static class Timing
{
    public static double MedianSeconds(Action action, double warmupSeconds, int repetitions)
    {
        var warmup = Stopwatch.StartNew();
        do action(); while (warmup.Elapsed.TotalSeconds < warmupSeconds);
        var samples = new double[repetitions];
        for (int i = 0; i < repetitions; i++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            samples[i] = (double)(Stopwatch.GetTimestamp() - start) / Stopwatch.Frequency;
        }
        Array.Sort(samples);
        return samples[repetitions / 2];
    }

    /// <summary>For actions far shorter than the timer's resolution: each sample times a batch and divides.</summary>
    public static double MedianSecondsPerCall(Action action, int batch, double warmupSeconds, int repetitions)
    {
        double perBatch = MedianSeconds(() =>
        {
            for (int i = 0; i < batch; i++) action();
        }, warmupSeconds, repetitions);
        return perBatch / batch;
    }
}
