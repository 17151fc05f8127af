using System.Collections.Concurrent;

namespace Fpga.Sim.Verilator;

/// <summary>
/// Drains the harness's stdout on a dedicated thread. Reading eagerly means the harness can never
/// block on a full stdout pipe while the caller is still writing commands, however many answers
/// a pipelined batch produces; the caller takes lines with a timeout instead of a blocking read.
/// </summary>
internal sealed class ResponseLines : IDisposable
{
    private readonly BlockingCollection<string> lines = new(new ConcurrentQueue<string>());
    private readonly Thread reader;

    public ResponseLines(StreamReader output, string name)
    {
        reader = new Thread(() => Drain(output)) { IsBackground = true, Name = name };
        reader.Start();
    }

    /// <summary>The next line; null when the harness closed stdout and every line was taken.</summary>
    /// <exception cref="TimeoutException">No line within <paramref name="timeout"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public string? Take(TimeSpan timeout, CancellationToken cancellation)
    {
        if (lines.TryTake(out var line, Milliseconds(timeout), cancellation))
        {
            return line;
        }
        return lines.IsCompleted ? null : throw new TimeoutException();
    }

    private static int Milliseconds(TimeSpan timeout) => (int)Math.Clamp(Math.Ceiling(timeout.TotalMilliseconds), 0, int.MaxValue);

    /// <summary>Every line still buffered or arriving before the harness closes stdout, within <paramref name="timeout"/>.</summary>
    public List<string> Rest(TimeSpan timeout)
    {
        var rest = new List<string>();
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && lines.TryTake(out var line, deadline - DateTime.UtcNow))
        {
            rest.Add(line);
        }
        return rest;
    }

    private void Drain(StreamReader output)
    {
        try
        {
            while (output.ReadLine() is { } line)
            {
                lines.Add(line);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The pipe broke because the process died or was disposed: the same as end of output.
        }
        finally
        {
            lines.CompleteAdding();
        }
    }

    /// <summary>Waits for the reader to see end of output; true if it did.</summary>
    public bool Join(TimeSpan timeout) => reader.Join(timeout);

    public void Dispose()
    {
        // The reader may still be adding if the process refused to die; it then keeps the collection.
        if (!reader.IsAlive)
        {
            lines.Dispose();
        }
    }
}
