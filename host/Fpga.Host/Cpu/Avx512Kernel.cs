using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Fpga.Host.Cpu;

/// <summary>
/// The AVX-512 path. Per row and 512-bit chunk: the kw weight vectors are loaded once (with
/// their nibble-shifted copies) and paired with every one of the ka activation vectors; each
/// pair's XOR and nibble mask is one ternary-logic instruction per nibble, its bit count two
/// byte shuffles into a 16-entry table. Byte counters (at most 8 per chunk) are widened by a
/// sum of absolute differences only every <see cref="ChunksPerFlush"/> chunks, weighted by G[j]
/// in 64-bit lanes, then by A[r][i], and summed once per row:
/// acc = n * sum A * sum G - 2 * sum_i sum_j A[i] G[j] popcount(B[i] xor C[j]), the contract's sum rearranged exactly.
/// </summary>
internal sealed unsafe class Avx512Kernel : IXnorKernel
{
    /// <summary>Byte counters grow by at most 8 a chunk; 31 chunks stay below 256.</summary>
    private const int ChunksPerFlush = 31;

    /// <summary>vpternlog truth table of (a xor b) and c.</summary>
    private const byte XorAnd = 0x28;

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
        var lut = Vector512.Create(Vector256.Create(table, table), Vector256.Create(table, table));
        var low = Vector512.Create((byte)0x0F);
        long[] g = input.Coefficients;
        var g0 = Vector512.Create(g[0]).AsInt32();
        var g1 = ka > 1 ? Vector512.Create(g[1]).AsInt32() : default;
        var g2 = ka > 2 ? Vector512.Create(g[2]).AsInt32() : default;
        var g3 = ka > 3 ? Vector512.Create(g[3]).AsInt32() : default;
        long[] a = matrix.Coefficients, sums = matrix.CoefficientSums;
        ulong* xBase = input.Pointer;
        ulong* rowPointer = matrix.Pointer + (nint)rowStart * stride;
        for (int k = 0; k < acc.Length; k++, rowPointer += stride)
        {
            Vector512<long> t0 = default, t1 = default, t2 = default, t3 = default;
            for (int c0 = 0; c0 < chunks; c0 += ChunksPerFlush)
            {
                int c1 = Math.Min(chunks, c0 + ChunksPerFlush);
                Vector512<byte> p00 = default, p01 = default, p02 = default, p03 = default;
                Vector512<byte> p10 = default, p11 = default, p12 = default, p13 = default;
                Vector512<byte> p20 = default, p21 = default, p22 = default, p23 = default;
                Vector512<byte> p30 = default, p31 = default, p32 = default, p33 = default;
                ulong* w = rowPointer + c0 * kw * PackedLayout.WordsPerChunk;
                ulong* x = xBase + c0 * xStride;
                for (int c = c0; c < c1; c++, w += kw * PackedLayout.WordsPerChunk, x += xStride)
                {
                    var w0 = Load(w, 0);
                    var s0 = Nibbles(w0);
                    Vector512<byte> w1 = default, s1 = default, w2 = default, s2 = default, w3 = default, s3 = default;
                    if (kw > 1) { w1 = Load(w, 1); s1 = Nibbles(w1); }
                    if (kw > 2) { w2 = Load(w, 2); s2 = Nibbles(w2); }
                    if (kw > 3) { w3 = Load(w, 3); s3 = Nibbles(w3); }

                    var x0 = Load(x, 0);
                    var y0 = Load(x, 1);
                    p00 += Count(w0, s0, x0, y0, lut, low);
                    if (kw > 1) p10 += Count(w1, s1, x0, y0, lut, low);
                    if (kw > 2) p20 += Count(w2, s2, x0, y0, lut, low);
                    if (kw > 3) p30 += Count(w3, s3, x0, y0, lut, low);
                    if (ka > 1)
                    {
                        var x1 = Load(x, 2);
                        var y1 = Load(x, 3);
                        p01 += Count(w0, s0, x1, y1, lut, low);
                        if (kw > 1) p11 += Count(w1, s1, x1, y1, lut, low);
                        if (kw > 2) p21 += Count(w2, s2, x1, y1, lut, low);
                        if (kw > 3) p31 += Count(w3, s3, x1, y1, lut, low);
                    }
                    if (ka > 2)
                    {
                        var x2 = Load(x, 4);
                        var y2 = Load(x, 5);
                        p02 += Count(w0, s0, x2, y2, lut, low);
                        if (kw > 1) p12 += Count(w1, s1, x2, y2, lut, low);
                        if (kw > 2) p22 += Count(w2, s2, x2, y2, lut, low);
                        if (kw > 3) p32 += Count(w3, s3, x2, y2, lut, low);
                    }
                    if (ka > 3)
                    {
                        var x3 = Load(x, 6);
                        var y3 = Load(x, 7);
                        p03 += Count(w0, s0, x3, y3, lut, low);
                        if (kw > 1) p13 += Count(w1, s1, x3, y3, lut, low);
                        if (kw > 2) p23 += Count(w2, s2, x3, y3, lut, low);
                        if (kw > 3) p33 += Count(w3, s3, x3, y3, lut, low);
                    }
                }
                t0 += Weigh<TA>(p00, p01, p02, p03, g0, g1, g2, g3);
                if (kw > 1) t1 += Weigh<TA>(p10, p11, p12, p13, g0, g1, g2, g3);
                if (kw > 2) t2 += Weigh<TA>(p20, p21, p22, p23, g0, g1, g2, g3);
                if (kw > 3) t3 += Weigh<TA>(p30, p31, p32, p33, g0, g1, g2, g3);
            }
            int row = rowStart + k;
            var total = t0 * Vector512.Create(a[row * kw]);
            if (kw > 1) total += t1 * Vector512.Create(a[row * kw + 1]);
            if (kw > 2) total += t2 * Vector512.Create(a[row * kw + 2]);
            if (kw > 3) total += t3 * Vector512.Create(a[row * kw + 3]);
            acc[k] += n * sums[row] * sumG - 2 * Vector512.Sum(total);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> Load(ulong* chunk, int vector) => Vector512.LoadAligned((byte*)(chunk + vector * PackedLayout.WordsPerChunk));

    /// <summary>Each byte's high nibble moved into its low nibble (the high nibble is masked off later).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> Nibbles(Vector512<byte> w) => Avx512F.ShiftRightLogical(w.AsUInt64(), 4).AsByte();

    /// <summary>popcount of every byte of w xor x, from its low nibbles (w, x) and high nibbles (s, y).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> Count(Vector512<byte> w, Vector512<byte> s, Vector512<byte> x, Vector512<byte> y, Vector512<byte> lut, Vector512<byte> low)
    {
        var lo = Avx512F.TernaryLogic(w, x, low, XorAnd);
        var hi = Avx512F.TernaryLogic(s, y, low, XorAnd);
        return Avx512BW.Add(Avx512BW.Shuffle(lut, lo), Avx512BW.Shuffle(lut, hi));
    }

    /// <summary>sum_j G[j] * (byte counts of pair j), in eight 64-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<long> Weigh<TA>(Vector512<byte> p0, Vector512<byte> p1, Vector512<byte> p2, Vector512<byte> p3,
        Vector512<int> g0, Vector512<int> g1, Vector512<int> g2, Vector512<int> g3)
        where TA : struct, ICodeCount
    {
        var sum = Widen(p0, g0);
        if (TA.Count > 1) sum += Widen(p1, g1);
        if (TA.Count > 2) sum += Widen(p2, g2);
        if (TA.Count > 3) sum += Widen(p3, g3);
        return sum;
    }

    /// <summary>Byte counts summed per 64-bit lane (below 2^16), times G by a signed 32 x 32 -> 64-bit multiply.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<long> Widen(Vector512<byte> counts, Vector512<int> g) =>
        Avx512F.Multiply(Avx512BW.SumAbsoluteDifferences(counts, Vector512<byte>.Zero).AsInt32(), g);
}
