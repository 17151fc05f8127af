using System.Globalization;
using System.Numerics;

namespace Fpga.Sim.Verilator;

/// <summary>The protocol's value spelling: unsigned, lowercase hex, no prefix.</summary>
internal static class HexValue
{
    public static string Format(BigInteger value) => value.ToString("x", CultureInfo.InvariantCulture);

    public static BigInteger Parse(string text, string port)
    {
        if (text.Length == 0 || !text.All(char.IsAsciiHexDigit))
        {
            throw new SimulationException($"harness answered '{text}' for port '{port}', which is not a hex value");
        }
        if (text.Length <= 16)
        {
            return ulong.Parse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        }
        // A leading zero keeps BigInteger from reading the top bit as a sign.
        return BigInteger.Parse("0" + text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }
}
