using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Fpga.Host.Cpu;

/// <summary>
/// The AVX2 path: as <see cref="Avx512Kernel"/> on 256-bit halves of each chunk, without ternary
/// logic (XOR, then both nibbles masked out of it) and with 16 registers, so the weight vectors
/// of a half are loaded once and paired with every activation vector; each row's sum is formed
/// as n * sum A * sum G - 2 * sum_i A[i] sum_j G[j] popcount(B[i] xor C[j]).
/// </summary>
internal sealed unsafe class Avx2Kernel : IXnorKernel
{
    /// <summary>Byte counters grow by at most 16 a chunk (two halves); 15 chunks stay below 256.</summary>
    private const int ChunksPerFlush = 15;

    private const int HalfWords = PackedLayout.WordsPerChunk / 2;

    // Fully optimized at first call: a kernel call loops over many rows, so tiered compilation
    // would run it as unoptimized or on-stack-replaced code for a long while.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Rows<TW, TA>(PackedMatrix matrix, PackedActivations input, int rowStart, Span<long> acc)
        where TW : struct, ICodeCount
        where TA : struct, ICodeCount
    {
        int kw = TW.Count, ka = TA.Count;
        int chunks = matrix.Chunks, stride = matrix.RowStride, xStride = input.ChunkStride;
        long n = matrix.Cols, sumG = input.CoefficientSum;
        var table = Vector128.Create((byte)0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4);
        var lut = Vector256.Create(table, table);
        var low = Vector256.Create((byte)0x0F);
        long[] g = input.Coefficients;
        var g0 = Vector256.Create(g[0]).AsInt32();
        var g1 = ka > 1 ? Vector256.Create(g[1]).AsInt32() : default;
        var g2 = ka > 2 ? Vector256.Create(g[2]).AsInt32() : default;
        var g3 = ka > 3 ? Vector256.Create(g[3]).AsInt32() : default;
        long[] a = matrix.Coefficients, sums = matrix.CoefficientSums;
        ulong* xBase = input.Pointer;
        ulong* rowPointer = matrix.Pointer + (nint)rowStart * stride;
        for (int k = 0; k < acc.Length; k++, rowPointer += stride)
        {
            Vector256<long> t0 = default, t1 = default, t2 = default, t3 = default;
            for (int c0 = 0; c0 < chunks; c0 += ChunksPerFlush)
            {
                int c1 = Math.Min(chunks, c0 + ChunksPerFlush);
                Vector256<byte> p00 = default, p01 = default, p02 = default, p03 = default;
                Vector256<byte> p10 = default, p11 = default, p12 = default, p13 = default;
                Vector256<byte> p20 = default, p21 = default, p22 = default, p23 = default;
                Vector256<byte> p30 = default, p31 = default, p32 = default, p33 = default;
                for (int half = 0; half < 2 * (c1 - c0); half++)
                {
                    int c = c0 + half / 2, offset = (half & 1) * HalfWords;
                    ulong* w = rowPointer + c * kw * PackedLayout.WordsPerChunk + offset;
                    ulong* x = xBase + c * xStride + offset;
                    var w0 = Load(w, 0);
                    Vector256<byte> w1 = default, w2 = default, w3 = default;
                    if (kw > 1) w1 = Load(w, 1);
                    if (kw > 2) w2 = Load(w, 2);
                    if (kw > 3) w3 = Load(w, 3);

                    var x0 = Load(x, 0);
                    p00 += Count(w0, x0, lut, low);
                    if (kw > 1) p10 += Count(w1, x0, lut, low);
                    if (kw > 2) p20 += Count(w2, x0, lut, low);
                    if (kw > 3) p30 += Count(w3, x0, lut, low);
                    if (ka > 1)
                    {
                        var x1 = Load(x, 2);
                        p01 += Count(w0, x1, lut, low);
                        if (kw > 1) p11 += Count(w1, x1, lut, low);
                        if (kw > 2) p21 += Count(w2, x1, lut, low);
                        if (kw > 3) p31 += Count(w3, x1, lut, low);
                    }
                    if (ka > 2)
                    {
                        var x2 = Load(x, 4);
                        p02 += Count(w0, x2, lut, low);
                        if (kw > 1) p12 += Count(w1, x2, lut, low);
                        if (kw > 2) p22 += Count(w2, x2, lut, low);
                        if (kw > 3) p32 += Count(w3, x2, lut, low);
                    }
                    if (ka > 3)
                    {
                        var x3 = Load(x, 6);
                        p03 += Count(w0, x3, lut, low);
                        if (kw > 1) p13 += Count(w1, x3, lut, low);
                        if (kw > 2) p23 += Count(w2, x3, lut, low);
                        if (kw > 3) p33 += Count(w3, x3, lut, low);
                    }
                }
                t0 += Weigh<TA>(p00, p01, p02, p03, g0, g1, g2, g3);
                if (kw > 1) t1 += Weigh<TA>(p10, p11, p12, p13, g0, g1, g2, g3);
                if (kw > 2) t2 += Weigh<TA>(p20, p21, p22, p23, g0, g1, g2, g3);
                if (kw > 3) t3 += Weigh<TA>(p30, p31, p32, p33, g0, g1, g2, g3);
            }
            int row = rowStart + k;
            long dot = a[row * kw] * Vector256.Sum(t0);
            if (kw > 1) dot += a[row * kw + 1] * Vector256.Sum(t1);
            if (kw > 2) dot += a[row * kw + 2] * Vector256.Sum(t2);
            if (kw > 3) dot += a[row * kw + 3] * Vector256.Sum(t3);
            acc[k] += n * sums[row] * sumG - 2 * dot;
        }
    }

    /// <summary>Vector <paramref name="vector"/> of 8 words from <paramref name="half"/> (weight planes and activation slots are 8 words apart).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> Load(ulong* half, int vector) => Vector256.LoadAligned((byte*)(half + vector * PackedLayout.WordsPerChunk));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> Count(Vector256<byte> w, Vector256<byte> x, Vector256<byte> lut, Vector256<byte> low)
    {
        var v = Avx2.Xor(w, x);
        var lo = Avx2.And(v, low);
        var hi = Avx2.And(Avx2.ShiftRightLogical(v.AsUInt64(), 4).AsByte(), low);
        return Avx2.Add(Avx2.Shuffle(lut, lo), Avx2.Shuffle(lut, hi));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<long> Weigh<TA>(Vector256<byte> p0, Vector256<byte> p1, Vector256<byte> p2, Vector256<byte> p3,
        Vector256<int> g0, Vector256<int> g1, Vector256<int> g2, Vector256<int> g3)
        where TA : struct, ICodeCount
    {
        var sum = Widen(p0, g0);
        if (TA.Count > 1) sum += Widen(p1, g1);
        if (TA.Count > 2) sum += Widen(p2, g2);
        if (TA.Count > 3) sum += Widen(p3, g3);
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<long> Widen(Vector256<byte> counts, Vector256<int> g) =>
        Avx2.Multiply(Avx2.SumAbsoluteDifferences(counts, Vector256<byte>.Zero).AsInt32(), g);
}
