using System.Diagnostics;

namespace Fpga.Perf;

/// <summary>One thing to time: a name and an action doing <see cref="Calls"/> units of work (steps, products) per run.</summary>
public sealed record Candidate(string Name, Action Run, int Calls = 1);

/// <summary>
/// Times candidates side by side: after a warm-up long enough for tiered compilation to
/// settle, rounds run every candidate once in turn and the median per unit of work is kept.
/// Interleaving spreads what other processes do to a shared machine over all candidates alike,
/// so their ratios hold even when their absolute times drift.
/// </summary>
public static class SideBySide
{
    public static IReadOnlyDictionary<string, double> MedianSeconds(IReadOnlyList<Candidate> candidates, double warmupSeconds, int rounds)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        foreach (var candidate in candidates)
        {
            var warmup = Stopwatch.StartNew();
            do candidate.Run(); while (warmup.Elapsed.TotalSeconds < warmupSeconds);
        }
        var samples = candidates.ToDictionary(c => c.Name, _ => new double[rounds]);
        for (int round = 0; round < rounds; round++)
        {
            foreach (var candidate in candidates)
            {
                long start = Stopwatch.GetTimestamp();
                candidate.Run();
                samples[candidate.Name][round] = (double)(Stopwatch.GetTimestamp() - start) / Stopwatch.Frequency / candidate.Calls;
            }
        }
        return samples.ToDictionary(s => s.Key, s =>
        {
            Array.Sort(s.Value);
            return s.Value[rounds / 2];
        });
    }

    /// <summary>How many times an action must run to last about <paramref name="seconds"/>, so one sample is well above the timer's resolution.</summary>
    public static int RepetitionsFor(Action action, double seconds)
    {
        ArgumentNullException.ThrowIfNull(action);
        action();
        var once = Stopwatch.StartNew();
        action();
        return Math.Max(1, (int)(seconds / Math.Max(once.Elapsed.TotalSeconds, 1e-7)));
    }

    /// <summary>An action repeated <paramref name="times"/> times as one candidate run.</summary>
    public static Candidate Repeated(string name, Action action, int times, int callsPerAction = 1) =>
        new(name, () =>
        {
            for (int i = 0; i < times; i++) action();
        }, times * callsPerAction);
}
