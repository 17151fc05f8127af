namespace Fpga.Sim.Verilator;

/// <summary>The last lines a child wrote to stderr, kept for error messages without growing forever.</summary>
internal sealed class StderrTail
{
    private const int MaxLines = 60;
    private readonly Queue<string> lines = new();
    private readonly Lock gate = new();

    // Not disposed: the process's reader may report end of stream after its owner is gone.
    private readonly ManualResetEventSlim ended = new();

    /// <summary>For Process.ErrorDataReceived: a null line is the end of the stream.</summary>
    public void Add(string? line)
    {
        if (line is null)
        {
            ended.Set();
            return;
        }
        lock (gate)
        {
            if (lines.Count == MaxLines)
            {
                lines.Dequeue();
            }
            lines.Enqueue(line);
        }
    }

    /// <summary>The kept lines once the stream has ended, or as far as it got within <paramref name="timeout"/>.</summary>
    public string TextAfterEnd(TimeSpan timeout)
    {
        ended.Wait(timeout);
        lock (gate)
        {
            return string.Join('\n', lines);
        }
    }
}
