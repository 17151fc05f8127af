using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Fpga.Host.Quantization;

/// <summary>
/// The sign-code kernels under binary and greedy quantization: one pass writes a plane
/// (value >= 0 gives a set bit, i.e. +1) and returns the sum of magnitudes the scale needs.
/// Magnitudes go to two vector accumulators, even and odd chunks, so the adds' latency
/// overlaps; each word's partial sums move to double to keep long rows accurate.
/// </summary>
internal static class SignPlanes
{
    private const int Lanes = 8;

    /// <summary>Writes sign(values) into <paramref name="plane"/>; returns sum |values|.</summary>
    public static double Write(ReadOnlySpan<float> values, Span<ulong> plane)
    {
        int n = values.Length;
        if (plane.Length != BitPlanes.WordsFor(n)) throw new ArgumentException($"expected {BitPlanes.WordsFor(n)} words, got {plane.Length}", nameof(plane));
        ref float v = ref MemoryMarshal.GetReference(values);
        double total = 0;
        for (int start = 0, word = 0; start < n; start += BitPlanes.ColumnsPerWord, word++)
        {
            int end = Math.Min(n, start + BitPlanes.ColumnsPerWord);
            ulong bits = 0;
            int c = start;
            if (Vector256.IsHardwareAccelerated)
            {
                var even = Vector256<float>.Zero;
                var odd = Vector256<float>.Zero;
                for (; c + 2 * Lanes <= end; c += 2 * Lanes)
                {
                    bits |= SignBits(ref v, c, start, ref even);
                    bits |= SignBits(ref v, c + Lanes, start, ref odd);
                }
                if (c + Lanes <= end)
                {
                    bits |= SignBits(ref v, c, start, ref even);
                    c += Lanes;
                }
                total += WidenedSum(even + odd);
            }
            for (; c < end; c++)
            {
                float x = Unsafe.Add(ref v, c);
                if (x >= 0f) bits |= 1UL << (c - start);
                total += Math.Abs(x);
            }
            plane[word] = bits;
        }
        return total;
    }

    /// <summary>
    /// One greedy step: next = previous - a * sign(previous), then writes sign(next) into
    /// <paramref name="plane"/> and returns sum |next|. <paramref name="next"/> may alias <paramref name="previous"/>.
    /// </summary>
    public static double WriteResidual(ReadOnlySpan<float> previous, float a, Span<float> next, Span<ulong> plane)
    {
        int n = previous.Length;
        if (next.Length != n) throw new ArgumentException($"residual holds {next.Length} values, expected {n}", nameof(next));
        if (plane.Length != BitPlanes.WordsFor(n)) throw new ArgumentException($"expected {BitPlanes.WordsFor(n)} words, got {plane.Length}", nameof(plane));
        ref float p = ref MemoryMarshal.GetReference(previous);
        ref float r = ref MemoryMarshal.GetReference(next);
        var plus = Vector256.Create(a);
        var minus = Vector256.Create(-a);
        double total = 0;
        for (int start = 0, word = 0; start < n; start += BitPlanes.ColumnsPerWord, word++)
        {
            int end = Math.Min(n, start + BitPlanes.ColumnsPerWord);
            ulong bits = 0;
            int c = start;
            if (Vector256.IsHardwareAccelerated)
            {
                var even = Vector256<float>.Zero;
                var odd = Vector256<float>.Zero;
                for (; c + 2 * Lanes <= end; c += 2 * Lanes)
                {
                    bits |= ResidualSignBits(ref p, ref r, c, start, plus, minus, ref even);
                    bits |= ResidualSignBits(ref p, ref r, c + Lanes, start, plus, minus, ref odd);
                }
                if (c + Lanes <= end)
                {
                    bits |= ResidualSignBits(ref p, ref r, c, start, plus, minus, ref even);
                    c += Lanes;
                }
                total += WidenedSum(even + odd);
            }
            for (; c < end; c++)
            {
                float x = Unsafe.Add(ref p, c);
                float y = x - (x >= 0f ? a : -a);
                Unsafe.Add(ref r, c) = y;
                if (y >= 0f) bits |= 1UL << (c - start);
                total += Math.Abs(y);
            }
            plane[word] = bits;
        }
        return total;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong SignBits(ref float v, int c, int start, ref Vector256<float> magnitudes)
    {
        var x = Vector256.LoadUnsafe(ref v, (nuint)c);
        magnitudes += Vector256.Abs(x);
        return (ulong)Vector256.GreaterThanOrEqual(x, Vector256<float>.Zero).ExtractMostSignificantBits() << (c - start);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ResidualSignBits(ref float p, ref float r, int c, int start, Vector256<float> plus, Vector256<float> minus, ref Vector256<float> magnitudes)
    {
        var x = Vector256.LoadUnsafe(ref p, (nuint)c);
        var y = x - Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(x, Vector256<float>.Zero), plus, minus);
        y.StoreUnsafe(ref r, (nuint)c);
        magnitudes += Vector256.Abs(y);
        return (ulong)Vector256.GreaterThanOrEqual(y, Vector256<float>.Zero).ExtractMostSignificantBits() << (c - start);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double WidenedSum(Vector256<float> sum)
    {
        var (lower, upper) = Vector256.Widen(sum);
        return Vector256.Sum(lower + upper);
    }
}
