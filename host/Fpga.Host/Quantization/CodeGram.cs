using System.Numerics;

namespace Fpga.Host.Quantization;

/// <summary>
/// The left side B^T B of the least-squares normal equations (B^T B) a = B^T w, straight from
/// a row's packed code planes. (B^T w comes with the passes that produce the codes:
/// <see cref="GreedyQuantizer.Correlation"/> and <see cref="BinarySearchTreeCodes.Assign"/>.)
/// </summary>
internal static class CodeGram
{
    /// <summary>
    /// B^T B, row-major k x k. Two ±1 columns agree where their bits are equal, so
    /// b_i . b_j = n - 2 popcount(P_i xor P_j); clear padding keeps the count to real columns.
    /// </summary>
    public static void Compute(ReadOnlySpan<ulong> planes, int codes, int cols, Span<double> gram)
    {
        int words = BitPlanes.WordsFor(cols);
        if (planes.Length != codes * words) throw new ArgumentException($"expected {codes * words} plane words, got {planes.Length}", nameof(planes));
        if (gram.Length != codes * codes) throw new ArgumentException($"expected a {codes}x{codes} Gram buffer, got {gram.Length}", nameof(gram));
        for (int i = 0; i < codes; i++)
        {
            gram[i * codes + i] = cols;
            var pi = planes.Slice(i * words, words);
            for (int j = i + 1; j < codes; j++)
            {
                var pj = planes.Slice(j * words, words);
                long differing = 0;
                for (int w = 0; w < words; w++)
                {
                    differing += BitOperations.PopCount(pi[w] ^ pj[w]);
                }
                gram[i * codes + j] = gram[j * codes + i] = cols - 2.0 * differing;
            }
        }
    }
}
