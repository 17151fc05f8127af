using System.Globalization;
using System.Text.RegularExpressions;

namespace Fpga.Sim.Board;

/// <summary>
/// What the simulated board counted on its line, printed when it stops: clock cycles run,
/// characters in and out, and the cycles from the first to the last cycle the host's line
/// was busy (the simulator does not run the clock while the board idles and waits for the
/// host, so the span is simulated time the line could have carried data).
/// </summary>
public sealed partial record BoardLineStatistics(long Cycles, long CharactersIn, long CharactersOut, long FirstIn, long LastIn)
{
    public long SpanCycles => LastIn - FirstIn + 1;

    public static BoardLineStatistics? Parse(string stderr)
    {
        var match = StatsLine().Match(stderr);
        if (!match.Success) return null;
        long Value(string name) => long.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture);
        return new BoardLineStatistics(Value("cycles"), Value("in"), Value("out"), Value("first"), Value("last"));
    }

    [GeneratedRegex(@"stats cycles=(?<cycles>\d+) in=(?<in>\d+) out=(?<out>\d+) first_in=(?<first>\d+) last_in=(?<last>\d+)")]
    private static partial Regex StatsLine();
}
