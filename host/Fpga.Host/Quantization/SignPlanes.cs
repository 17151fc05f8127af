using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Fpga.Host.Quantization;

/// <summary>
/// The sign-code kernels under binary and greedy quantization: one pass writes a plane
/// (value >= 0 gives a set bit, i.e. +1) and returns the sum of magnitudes the scale needs.
/// </summary>
internal static class SignPlanes
{
    /// <summary>Writes sign(values) into <paramref name="plane"/>; returns sum |values|.</summary>
    public static double Write(ReadOnlySpan<float> values, Span<ulong> plane)
    {
        int n = values.Length;
        ref float v = ref MemoryMarshal.GetReference(values);
        double total = 0;
        for (int start = 0, word = 0; start < n; start += BitPlanes.ColumnsPerWord, word++)
        {
            int end = Math.Min(n, start + BitPlanes.ColumnsPerWord);
            ulong bits = 0;
            int c = start;
            if (Vector256.IsHardwareAccelerated)
            {
                var magnitudes = Vector256<float>.Zero;
                for (; c + Vector256<float>.Count <= end; c += Vector256<float>.Count)
                {
                    var x = Vector256.LoadUnsafe(ref v, (nuint)c);
                    bits |= (ulong)Vector256.GreaterThanOrEqual(x, Vector256<float>.Zero).ExtractMostSignificantBits() << (c - start);
                    magnitudes += Vector256.Abs(x);
                }
                total += Vector256.Sum(magnitudes);
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
        ref float p = ref MemoryMarshal.GetReference(previous);
        ref float r = ref MemoryMarshal.GetReference(next);
        double total = 0;
        for (int start = 0, word = 0; start < n; start += BitPlanes.ColumnsPerWord, word++)
        {
            int end = Math.Min(n, start + BitPlanes.ColumnsPerWord);
            ulong bits = 0;
            int c = start;
            if (Vector256.IsHardwareAccelerated)
            {
                var plus = Vector256.Create(a);
                var minus = Vector256.Create(-a);
                var magnitudes = Vector256<float>.Zero;
                for (; c + Vector256<float>.Count <= end; c += Vector256<float>.Count)
                {
                    var x = Vector256.LoadUnsafe(ref p, (nuint)c);
                    var y = x - Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(x, Vector256<float>.Zero), plus, minus);
                    y.StoreUnsafe(ref r, (nuint)c);
                    bits |= (ulong)Vector256.GreaterThanOrEqual(y, Vector256<float>.Zero).ExtractMostSignificantBits() << (c - start);
                    magnitudes += Vector256.Abs(y);
                }
                total += Vector256.Sum(magnitudes);
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
}
