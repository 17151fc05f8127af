using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Fpga.Host.Quantization;

/// <summary>
/// Gives every element the code pattern of its nearest level sum_i ±a_i by descending the
/// <see cref="LevelTree"/> (Xu et al. 2018, binary search tree). With fixed coefficients this
/// is the optimal code per element, at k comparisons instead of 2^k.
/// </summary>
internal static class BinarySearchTreeCodes
{
    /// <summary>Depths whose nodes fit one 8-lane permute; deeper levels gather.</summary>
    private const int PermutedDepths = 4;

    /// <summary>Overwrites all k planes of the row (layout [plane][word]).</summary>
    public static void Assign(ReadOnlySpan<float> values, LevelTree tree, Span<ulong> planes)
    {
        if (Avx2.IsSupported) AssignAvx2(values, tree, planes);
        else AssignScalar(values, tree, planes, 0);
    }

    /// <summary>Element by element from column <paramref name="from"/> to the end; the reference the vector path must agree with.</summary>
    public static void AssignScalar(ReadOnlySpan<float> values, LevelTree tree, Span<ulong> planes, int from)
    {
        int n = values.Length;
        int k = tree.Codes;
        int words = BitPlanes.WordsFor(n);
        CheckShape(planes, k, words);
        for (int c = from; c < n; c++)
        {
            int word = c >> 6;
            ulong bit = 1UL << (c & 63);
            if ((c & 63) == 0 || c == from)
            {
                for (int i = 0; i < k; i++) planes[i * words + word] &= bit - 1;
            }
            int pattern = tree.Patterns[tree.LevelOf(values[c])];
            for (int i = 0; i < k; i++)
            {
                if (((pattern >> i) & 1) != 0) planes[i * words + word] |= bit;
            }
        }
    }

    private static unsafe void AssignAvx2(ReadOnlySpan<float> values, LevelTree tree, Span<ulong> planes)
    {
        int n = values.Length;
        int k = tree.Codes;
        int words = BitPlanes.WordsFor(n);
        CheckShape(planes, k, words);
        int levels = tree.Levels;
        int vectorEnd = n & ~(Vector256<float>.Count - 1);

        Span<Vector256<float>> depthNodes = stackalloc Vector256<float>[PermutedDepths];
        for (int d = 0; d < Math.Min(k, PermutedDepths); d++)
        {
            depthNodes[d] = Vector256.Create(tree.Nodes.AsSpan(1 << d, Vector256<float>.Count));
        }
        var patternTable = Vector256.Create(tree.Patterns.AsSpan(0, Vector256<int>.Count));
        var one = Vector256.Create(1);
        var leafBase = Vector256.Create(levels);
        ref float v = ref MemoryMarshal.GetReference(values);

        fixed (float* nodes = tree.Nodes)
        fixed (int* patterns = tree.Patterns)
        {
            for (int c = 0; c < vectorEnd; c += Vector256<float>.Count)
            {
                var x = Vector256.LoadUnsafe(ref v, (nuint)c);
                var node = one;
                for (int d = 0; d < k; d++)
                {
                    var threshold = d < PermutedDepths
                        ? Avx2.PermuteVar8x32(depthNodes[d], node - Vector256.Create(1 << d))
                        : Avx2.GatherVector256(nodes, node, 4);
                    // A true comparison is all ones, i.e. -1: subtracting it takes the right child.
                    node = node + node - Vector256.GreaterThan(x, threshold).AsInt32();
                }
                var leaf = node - leafBase;
                var pattern = k <= 3 ? Avx2.PermuteVar8x32(patternTable, leaf) : Avx2.GatherVector256(patterns, leaf, 4);

                int word = c >> 6;
                int shift = c & 63;
                if (shift == 0)
                {
                    for (int i = 0; i < k; i++) planes[i * words + word] = 0;
                }
                for (int i = 0; i < k; i++)
                {
                    uint bits = Vector256.ShiftLeft(pattern, 31 - i).ExtractMostSignificantBits();
                    planes[i * words + word] |= (ulong)bits << shift;
                }
            }
        }
        if (vectorEnd < n) AssignScalar(values, tree, planes, vectorEnd);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckShape(Span<ulong> planes, int codes, int words)
    {
        if (planes.Length != codes * words) throw new ArgumentException($"expected {codes * words} plane words, got {planes.Length}", nameof(planes));
    }
}
