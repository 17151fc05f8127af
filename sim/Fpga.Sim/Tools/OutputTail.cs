namespace Fpga.Sim.Tools;

/// <summary>The last lines of tool output, for error messages that must stay readable.</summary>
public static class OutputTail
{
    public const int DefaultLines = 40;

    public static string Of(string output, int lines = DefaultLines)
    {
        var all = output.TrimEnd().Split('\n');
        var kept = all.Length <= lines ? all : all[^lines..];
        var text = string.Join('\n', kept.Select(line => line.TrimEnd('\r')));
        var omitted = all.Length - kept.Length;
        return omitted > 0 ? $"[... {omitted} earlier lines omitted]\n{text}" : text;
    }

    /// <summary>"\n--- label ---\n(tail)", or nothing when there was no output.</summary>
    public static string Section(string label, string output, int lines = DefaultLines) =>
        string.IsNullOrWhiteSpace(output) ? "" : $"\n--- {label} ---\n{Of(output, lines)}";
}
