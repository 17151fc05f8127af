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

    public static BigInteger RandomVector(Random random, int bits)
    {
        var bytes = new byte[(bits + 7) / 8 + 1];
        random.NextBytes(bytes);
        bytes[^1] = 0;
        return new BigInteger(bytes) & ((BigInteger.One << bits) - 1);
    }
}
