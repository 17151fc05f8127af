namespace Fpga.Sim.Verilator;

/// <summary>The last lines a child wrote to stderr, kept for error messages without growing forever.</summary>
internal sealed class StderrTail
{
    private const int MaxLines = 60;
    private readonly Queue<string> lines = new();
    private readonly Lock gate = new();

    public void Add(string? line)
    {
        if (line is null)
        {
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

    public string Text()
    {
        lock (gate)
        {
            return string.Join('\n', lines);
        }
    }
}
