using System.Numerics;

namespace Fpga.Host.Verification;

/// <summary>The C# reference of the XNOR-popcount dot product: bit 1 means +1, bit 0 means -1.</summary>
public static class XnorDotReference
{
    public static int Dot(BigInteger a, BigInteger b, int simd)
    {
        int dot = 0;
        for (int i = 0; i < simd; i++)
        {
            dot += a.IsEven == b.IsEven ? 1 : -1;
            a >>= 1;
            b >>= 1;
        }
        return dot;
    }

    /// <summary>A two's complement value of the given width read back as a signed integer.</summary>
    public static long Signed(BigInteger bits, int width)
    {
        var half = BigInteger.One << (width - 1);
        return (long)(bits >= half ? bits - (half << 1) : bits);
    }

    public static BigInteger RandomVector(Random random, int bits)
    {
        var bytes = new byte[(bits + 7) / 8 + 1];
        random.NextBytes(bytes);
        bytes[^1] = 0;
        return new BigInteger(bytes) & ((BigInteger.One << bits) - 1);
    }
}
