using System.Numerics;

namespace Fpga.Host.Verification;

/// <summary>Signed integers to and from the bit patterns a port of a given width carries.</summary>
public static class TwosComplement
{
    public static BigInteger Bits(long value, int width) => value >= 0 ? value : (BigInteger.One << width) + value;

    public static long Signed(BigInteger bits, int width)
    {
        var half = BigInteger.One << (width - 1);
        return (long)(bits >= half ? bits - (half << 1) : bits);
    }
}
