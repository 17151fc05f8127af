using System.Numerics;

namespace Fpga.Host.Golden;

/// <summary>The binary dot product of step 1: P(B, C, n) = n - 2 * popcount(B xor C) over the n real columns.</summary>
public static class XnorPopcount
{
    /// <summary>Both rows must have their padding bits clear, so the XOR counts only real columns.</summary>
    public static long Dot(ReadOnlySpan<ulong> weights, ReadOnlySpan<ulong> codes, int columns)
    {
        if (weights.Length != codes.Length || weights.Length != CodedVector.WordsFor(columns))
            throw new ArgumentException($"expected {CodedVector.WordsFor(columns)} words for {columns} columns, got {weights.Length} and {codes.Length}");
        long differing = 0;
        for (int w = 0; w < weights.Length; w++) differing += BitOperations.PopCount(weights[w] ^ codes[w]);
        return columns - 2 * differing;
    }
}
