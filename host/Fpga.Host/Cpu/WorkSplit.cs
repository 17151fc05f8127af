namespace Fpga.Host.Cpu;

/// <summary>
/// Cuts a range of independent items (hidden units, matrix rows, sequences) into one contiguous
/// part per thread. Parts below <see cref="MinimumPerPart"/> items are merged, because waking a
/// worker costs microseconds that a small part would not repay; one part runs on the caller.
/// </summary>
public sealed class WorkSplit
{
    public WorkSplit(int threads, int minimumPerPart)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumPerPart, 1);
        Threads = threads;
        MinimumPerPart = minimumPerPart;
    }

    public int Threads { get; }
    public int MinimumPerPart { get; }

    public int PartsFor(int count) => Math.Clamp(count / MinimumPerPart, 1, Threads);

    /// <summary>Calls <paramref name="body"/>(start, end) over parts covering 0 .. count - 1, in parallel when there is more than one.</summary>
    public void Run(int count, Action<int, int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        int parts = PartsFor(count);
        if (parts == 1)
        {
            body(0, count);
            return;
        }
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, p => body(count * p / parts, count * (p + 1) / parts));
    }
}
