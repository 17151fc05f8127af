using System.Text.RegularExpressions;

namespace Fpga.Gen.Tests.Emit;

/// <summary>Whitespace-normalized comparison of emitted Verilog with a small expected snippet.</summary>
public static partial class GoldenText
{
    public static string Normalize(string text) => Whitespace().Replace(text, " ").Trim();

    public static void Contains(string expected, string actual)
    {
        var e = Normalize(expected);
        var a = Normalize(actual);
        Assert.True(a.Contains(e, StringComparison.Ordinal), $"expected snippet:\n{expected}\n\nnot found in:\n{actual}");
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
