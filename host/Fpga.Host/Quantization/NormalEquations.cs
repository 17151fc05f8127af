using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Fpga.Host.Quantization;

/// <summary>
/// The two sides of the least-squares normal equations (B^T B) a = B^T w for a row's code
/// planes B, computed straight from the packed bits.
/// </summary>
internal static class NormalEquations
{
    private static readonly Vector256<int> LaneBits = Vector256.Create(1, 2, 4, 8, 16, 32, 64, 128);
    private static readonly Vector256<int> SignBit = Vector256.Create(int.MinValue);

    /// <summary>
    /// B^T B, row-major k x k. Two ±1 columns agree where their bits are equal, so
    /// b_i . b_j = n - 2 popcount(P_i xor P_j); clear padding keeps the count to real columns.
    /// </summary>
    public static void Gram(ReadOnlySpan<ulong> planes, int codes, int cols, Span<double> gram)
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

    /// <summary>B^T w: for each plane the sum of the values with their code's sign.</summary>
    public static void Correlation(ReadOnlySpan<float> values, ReadOnlySpan<ulong> planes, int codes, Span<double> correlation)
    {
        int n = values.Length;
        int words = BitPlanes.WordsFor(n);
        if (planes.Length != codes * words) throw new ArgumentException($"expected {codes * words} plane words, got {planes.Length}", nameof(planes));
        if (correlation.Length != codes) throw new ArgumentException($"expected {codes} correlations, got {correlation.Length}", nameof(correlation));
        ref float v = ref MemoryMarshal.GetReference(values);
        for (int i = 0; i < codes; i++)
        {
            var plane = planes.Slice(i * words, words);
            double total = 0;
            for (int start = 0, word = 0; start < n; start += BitPlanes.ColumnsPerWord, word++)
            {
                int end = Math.Min(n, start + BitPlanes.ColumnsPerWord);
                ulong bits = plane[word];
                int c = start;
                if (Vector256.IsHardwareAccelerated)
                {
                    var sum = Vector256<float>.Zero;
                    for (; c + Vector256<float>.Count <= end; c += Vector256<float>.Count)
                    {
                        var x = Vector256.LoadUnsafe(ref v, (nuint)c).AsInt32();
                        var lanes = Vector256.Create((int)(bits >> (c - start))) & LaneBits;
                        var minusOne = Vector256.Equals(lanes, Vector256<int>.Zero);
                        sum += (x ^ (minusOne & SignBit)).AsSingle();
                    }
                    total += Vector256.Sum(sum);
                }
                for (; c < end; c++)
                {
                    float x = Unsafe.Add(ref v, c);
                    total += ((bits >> (c - start)) & 1UL) != 0 ? x : -x;
                }
            }
            correlation[i] = total;
        }
    }
}
