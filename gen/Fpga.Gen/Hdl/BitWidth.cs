using System.Numerics;

namespace Fpga.Gen.Hdl;

/// <summary>Width arithmetic every generator needs, in one place.</summary>
public static class BitWidth
{
    /// <summary>Bits needed to hold every unsigned value 0..maxValue (at least 1).</summary>
    public static int ForUnsigned(BigInteger maxValue)
    {
        if (maxValue < 0) throw new ArgumentOutOfRangeException(nameof(maxValue));
        return maxValue.IsZero ? 1 : (int)maxValue.GetBitLength();
    }

    /// <summary>Bits of a two's complement signal holding every value in [min, max].</summary>
    public static int ForSigned(BigInteger min, BigInteger max)
    {
        if (min > max) throw new ArgumentException("min > max");
        int width = 1;
        while (min < -(BigInteger.One << (width - 1)) || max > (BigInteger.One << (width - 1)) - 1) width++;
        return width;
    }

    /// <summary>ceil(log2(n)) for n >= 1: the address bits of an n-entry memory (at least 1).</summary>
    public static int Log2Ceiling(long n)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n));
        int bits = 0;
        while ((1L << bits) < n) bits++;
        return Math.Max(bits, 1);
    }
}
