using System.Globalization;
using System.Text.RegularExpressions;

namespace Fpga.Sim.Verilator;

/// <summary>
/// Extracts the "%Warning-CODE: file:line:col: message" and "%Error...: ..." lines from Verilator
/// output. Source excerpts and hint lines under a message are indented and skipped, as is the
/// closing "Exiting due to N warning(s)" summary, which repeats what was already counted.
/// </summary>
public static partial class VerilatorDiagnosticParser
{
    [GeneratedRegex(@"^%(?<severity>Warning|Error)(?:-(?<code>[A-Za-z0-9_]+))?:\s*(?:(?<file>[^\s:][^:]*):(?<line>\d+):(?:(?<column>\d+):)?\s*)?(?<message>.*)$")]
    private static partial Regex DiagnosticLine();

    [GeneratedRegex(@"^Exiting due to \d+ (?:warning|error)\(s\)")]
    private static partial Regex ExitSummary();

    public static IReadOnlyList<VerilatorDiagnostic> Parse(string output)
    {
        var diagnostics = new List<VerilatorDiagnostic>();
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var match = DiagnosticLine().Match(line);
            if (!match.Success)
            {
                continue;
            }
            var message = match.Groups["message"].Value.Trim();
            if (ExitSummary().IsMatch(message))
            {
                continue;
            }
            diagnostics.Add(new VerilatorDiagnostic(
                match.Groups["severity"].Value == "Warning" ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error,
                match.Groups["code"].Success ? match.Groups["code"].Value : null,
                match.Groups["file"].Success ? match.Groups["file"].Value : null,
                ParseNumber(match.Groups["line"]),
                ParseNumber(match.Groups["column"]),
                message)
            {
                Text = line,
            });
        }
        return diagnostics;
    }

    private static int? ParseNumber(Group group) =>
        group.Success ? int.Parse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture) : null;
}
