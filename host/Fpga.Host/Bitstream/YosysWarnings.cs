namespace Fpga.Host.Bitstream;

/// <summary>
/// Every warning yosys prints must be explained or the build fails: a warning nobody looked at
/// is how a latch or a truncated bus ships. Explained ones are listed here with the reason.
/// </summary>
public static class YosysWarnings
{
    /// <summary>Text fragments of warnings known to be harmless, and why.</summary>
    public static IReadOnlyList<(string Fragment, string Reason)> Explained { get; } = [];

    public static IReadOnlyList<string> In(string log) =>
        log.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("Warning:", StringComparison.Ordinal)).Distinct().ToArray();

    public static IReadOnlyList<string> Unexplained(string log) =>
        In(log).Where(w => !Explained.Any(e => w.Contains(e.Fragment, StringComparison.Ordinal))).ToArray();
}
