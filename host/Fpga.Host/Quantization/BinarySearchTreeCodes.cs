using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Fpga.Host.Quantization;

/// <summary>
/// Gives every element the code pattern of its nearest level sum_i ±a_i by descending the
/// <see cref="LevelTree"/> (Xu et al. 2018, binary search tree). With fixed coefficients this
/// is the optimal code per element, at k comparisons instead of 2^k. The same pass can gather
/// B^T w for the codes it writes, which the next least-squares refit needs.
/// </summary>
internal static class BinarySearchTreeCodes
{
    private const int Lanes = 8;
    private const int ChunksPerWord = BitPlanes.ColumnsPerWord / Lanes;

    /// <summary>
    /// Overwrites all k planes of the row (layout [plane][word]) and, unless
    /// <paramref name="correlation"/> is empty, sets it to B^T w of the new codes.
    /// </summary>
    public static void Assign(ReadOnlySpan<float> values, LevelTree tree, Span<ulong> planes, Span<double> correlation)
    {
        CheckShape(values, tree, planes, correlation);
        correlation.Clear();
        int from = Avx2.IsSupported ? AssignAvx2(values, tree, planes, correlation) : 0;
        AssignScalar(values, tree, planes, from, correlation);
    }

    /// <summary>
    /// Element by element from column <paramref name="from"/> to the end, adding to
    /// <paramref name="correlation"/> when it is not empty; the reference the vector path must agree with.
    /// </summary>
    public static void AssignScalar(ReadOnlySpan<float> values, LevelTree tree, Span<ulong> planes, int from, Span<double> correlation)
    {
        CheckShape(values, tree, planes, correlation);
        int n = values.Length;
        int k = tree.Codes;
        int words = BitPlanes.WordsFor(n);
        var patterns = tree.Patterns;
        for (int c = from; c < n; c++)
        {
            int word = c >> 6;
            int shift = c & 63;
            if (shift == 0 || c == from)
            {
                ulong below = (1UL << shift) - 1;
                for (int i = 0; i < k; i++) planes[i * words + word] &= below;
            }
            float x = values[c];
            int pattern = patterns[tree.LevelOf(x)];
            for (int i = 0; i < k; i++)
            {
                ulong bit = (ulong)(pattern >> i) & 1UL;
                planes[i * words + word] |= bit << shift;
                if (!correlation.IsEmpty) correlation[i] += bit != 0 ? x : -x;
            }
        }
    }

    /// <summary>
    /// Eight elements per step; returns the first column left for the scalar path. vpermps reads
    /// only the low three bits of each index, so heap node n of depths 0-2 is lane n of nodes
    /// 0..7, a depth-3 node lane n of nodes 8..15, and a leaf of a tree of up to three codes lane
    /// n of its eight leaf patterns: no index arithmetic. Deeper trees gather. A word's eight
    /// pattern vectors are kept, then each plane is assembled from their bits and stored once.
    /// </summary>
    private static unsafe int AssignAvx2(ReadOnlySpan<float> values, LevelTree tree, Span<ulong> planes, Span<double> correlation)
    {
        int n = values.Length;
        int k = tree.Codes;
        int words = BitPlanes.WordsFor(n);
        int vectorEnd = n & ~(Lanes - 1);
        bool correlate = !correlation.IsEmpty;

        var shallowNodes = Vector256.Create(tree.Nodes.AsSpan(0, Lanes));
        var depthThreeNodes = Vector256.Create(tree.Nodes.AsSpan(Lanes, Lanes));
        var leafPatterns = Vector256.Create(tree.LeafPatterns.AsSpan(k == 3 ? Lanes : 0, Lanes));
        var signBit = Vector256.Create(int.MinValue);
        Span<Vector256<int>> wordPatterns = stackalloc Vector256<int>[ChunksPerWord];
        Span<Vector256<double>> sums = stackalloc Vector256<double>[2 * k];
        sums.Clear();
        ref float v = ref MemoryMarshal.GetReference(values);

        fixed (float* nodes = tree.Nodes)
        fixed (int* leaves = tree.LeafPatterns)
        {
            for (int start = 0, word = 0; start < vectorEnd; start += BitPlanes.ColumnsPerWord, word++)
            {
                int chunks = Math.Min(ChunksPerWord, (vectorEnd - start) / Lanes);
                for (int j = 0; j < chunks; j++)
                {
                    var x = Vector256.LoadUnsafe(ref v, (nuint)(start + j * Lanes));
                    var node = Vector256<int>.One;
                    for (int d = 0; d < k; d++)
                    {
                        var threshold = d < 3 ? Avx2.PermuteVar8x32(shallowNodes, node)
                            : d == 3 ? Avx2.PermuteVar8x32(depthThreeNodes, node)
                            : Avx2.GatherVector256(nodes, node, sizeof(float));
                        // A true comparison is all ones, i.e. -1: subtracting it takes the right child.
                        node = node + node - Vector256.GreaterThan(x, threshold).AsInt32();
                    }
                    wordPatterns[j] = k <= 3 ? Avx2.PermuteVar8x32(leafPatterns, node) : Avx2.GatherVector256(leaves, node, sizeof(int));
                }
                for (int i = 0; i < k; i++)
                {
                    ulong bits = 0;
                    var signed = Vector256<float>.Zero;
                    for (int j = 0; j < chunks; j++)
                    {
                        // Code i moved to the sign bit: set means +1.
                        var code = Vector256.ShiftLeft(wordPatterns[j], 31 - i);
                        bits |= (ulong)code.ExtractMostSignificantBits() << (j * Lanes);
                        if (correlate)
                        {
                            var x = Vector256.LoadUnsafe(ref v, (nuint)(start + j * Lanes)).AsInt32();
                            signed += (x ^ Vector256.AndNot(signBit, code)).AsSingle();
                        }
                    }
                    planes[i * words + word] = bits;
                    if (correlate)
                    {
                        var (lower, upper) = Vector256.Widen(signed);
                        sums[i] += lower + upper;
                    }
                }
            }
        }
        for (int i = 0; i < k && correlate; i++) correlation[i] += Vector256.Sum(sums[i]);
        return vectorEnd;
    }

    private static void CheckShape(ReadOnlySpan<float> values, LevelTree tree, Span<ulong> planes, Span<double> correlation)
    {
        int expected = tree.Codes * BitPlanes.WordsFor(values.Length);
        if (planes.Length != expected) throw new ArgumentException($"expected {expected} plane words, got {planes.Length}", nameof(planes));
        if (!correlation.IsEmpty && correlation.Length != tree.Codes)
            throw new ArgumentException($"expected {tree.Codes} correlations, got {correlation.Length}", nameof(correlation));
    }
}
