namespace Fpga.Gen.Hdl;

/// <summary>
/// The identifiers the generator emits: letters, digits and single underscores, not starting
/// with a digit, never '$' and never '__' (Verilator reserves and mangles those).
/// </summary>
public static class VerilogIdentifier
{
    public static bool IsPlain(string name) =>
        name.Length > 0
        && (char.IsAsciiLetter(name[0]) || name[0] == '_')
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
        && !name.Contains("__", StringComparison.Ordinal)
        && !name.EndsWith('_');

    /// <summary>The nearest plain identifier to any text.</summary>
    public static string Sanitize(string text)
    {
        var chars = text.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray();
        var result = new string(chars);
        while (result.Contains("__", StringComparison.Ordinal)) result = result.Replace("__", "_", StringComparison.Ordinal);
        result = result.Trim('_');
        if (result.Length == 0) return "n";
        return char.IsAsciiDigit(result[0]) ? "n" + result : result;
    }
}
