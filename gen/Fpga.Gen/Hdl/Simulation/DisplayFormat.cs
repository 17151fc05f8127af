using System.Text.RegularExpressions;

namespace Fpga.Gen.Hdl;

/// <summary>
/// The formats a generated $display may use: plain text and the conversions %d, %h, %b
/// (optionally %0d, %0h, %0b for minimal width) and a literal %%. No quotes, backslashes or
/// newlines, so the text goes into a Verilog string as it is, and exactly one argument per
/// conversion, so no simulator prints garbage.
/// </summary>
public static partial class DisplayFormat
{
    public static void Validate(string format, int arguments)
    {
        if (format.Any(c => c is '"' or '\\' or '\n' or '\r' || char.IsControl(c)))
            throw new HdlConstructionException($"display format '{format}' holds a quote, backslash or control character");
        var rest = Conversion().Replace(format.Replace("%%", "", StringComparison.Ordinal), "");
        if (rest.Contains('%'))
            throw new HdlConstructionException($"display format '{format}' has a conversion other than %d, %h, %b (or %0d, %0h, %0b)");
        int conversions = Conversion().Matches(format.Replace("%%", "", StringComparison.Ordinal)).Count;
        if (conversions != arguments)
            throw new HdlConstructionException($"display format '{format}' has {conversions} conversions but {arguments} arguments");
    }

    [GeneratedRegex("%0?[dhb]")]
    private static partial Regex Conversion();
}
