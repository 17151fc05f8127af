namespace Fpga.Host.Models.Import.Onnx;

/// <summary>Axis arithmetic shared by constant folding and the symbolic data path.</summary>
internal static class OnnxAxes
{
    public static int Normalize(OnnxNode node, long axis, int rank)
    {
        long normalized = axis < 0 ? axis + rank : axis;
        if (normalized < 0 || normalized >= rank) throw node.Fail($"axis {axis} is out of range for rank {rank}");
        return (int)normalized;
    }

    /// <summary>Inserts <paramref name="fill"/> at each position of <paramref name="axes"/>, counted in the output's rank.</summary>
    public static List<T> Unsqueeze<T>(OnnxNode node, List<T> items, long[] axes, T fill)
    {
        int rank = items.Count + axes.Length;
        var positions = axes.Select(a => Normalize(node, a, rank)).Order().ToArray();
        if (positions.Distinct().Count() != positions.Length) throw node.Fail("Unsqueeze axes repeat");
        var result = new List<T>(items);
        foreach (int p in positions) result.Insert(p, fill);
        return result;
    }

    /// <summary>Transpose's perm attribute, reversed axes by default.</summary>
    public static int[] Permutation(OnnxNode node, int rank)
    {
        var perm = node.Ints("perm")?.Select(p => (int)p).ToArray() ?? Enumerable.Range(0, rank).Reverse().ToArray();
        if (perm.Length != rank || perm.Order().Select((p, i) => p == i).Any(ok => !ok))
            throw node.Fail($"perm [{string.Join(", ", perm)}] is not a permutation of {rank} axes");
        return perm;
    }
}
