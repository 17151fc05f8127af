using System.Numerics;

namespace Fpga.Host.Verification;

/// <summary>The C# reference of the XNOR-popcount dot product: bit 1 means +1, bit 0 means -1.</summary>
public static class XnorDotReference
{
    public static int Dot(BigInteger a, BigInteger b, int simd)
    {
        var mask = (BigInteger.One << simd) - 1;
        var differing = (a ^ b) & mask;
        int popcount = 0;
        foreach (var word in differing.ToByteArray(isUnsigned: true)) popcount += System.Numerics.BitOperations.PopCount(word);
        return simd - 2 * popcount;
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
