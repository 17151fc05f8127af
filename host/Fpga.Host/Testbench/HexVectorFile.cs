using System.Globalization;
using System.Numerics;
using System.Text;
using Fpga.Gen.Emit;

namespace Fpga.Host.Testbench;

/// <summary>
/// A $readmemh vector file: one entry per line, in hex, zero-padded to the digits of its
/// width, so every line of a file is as wide as every other and a diff lines up.
/// </summary>
public static class HexVectorFile
{
    public static EmittedFile Create(string fileName, IEnumerable<BigInteger> entries, int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        int digits = (width + 3) / 4;
        var limit = BigInteger.One << width;
        var text = new StringBuilder();
        int line = 0;
        foreach (var entry in entries)
        {
            if (entry.Sign < 0 || entry >= limit)
                throw new ArgumentOutOfRangeException(nameof(entries), $"{fileName} entry {line} ({entry}) does not fit {width} bits");
            var hex = entry.ToString("x", CultureInfo.InvariantCulture).TrimStart('0');
            text.Append((hex.Length == 0 ? "0" : hex).PadLeft(digits, '0')).Append('\n');
            line++;
        }
        return new EmittedFile(fileName, text.ToString());
    }
}
