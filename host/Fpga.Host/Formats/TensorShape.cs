namespace Fpga.Host.Formats;

/// <summary>Helpers for shapes given as dimension lists (row-major, C order).</summary>
public static class TensorShape
{
    /// <summary>Product of the dimensions, or -1 when it would not fit in memory as one array.</summary>
    public static long ElementCount(IReadOnlyList<int> shape)
    {
        long count = 1;
        foreach (int dim in shape)
        {
            if (dim < 0) return -1;
            count *= dim;
            if (count > Array.MaxLength) return -1;
        }
        return count;
    }

    public static string Format(IReadOnlyList<int> shape) => "[" + string.Join(", ", shape) + "]";

    public static bool SameAs(IReadOnlyList<int> a, IReadOnlyList<int> b) => a.Count == b.Count && a.SequenceEqual(b);

    /// <summary>Row-major strides, in elements.</summary>
    public static long[] Strides(IReadOnlyList<int> shape)
    {
        var strides = new long[shape.Count];
        long stride = 1;
        for (int axis = shape.Count - 1; axis >= 0; axis--)
        {
            strides[axis] = stride;
            stride *= shape[axis];
        }
        return strides;
    }

    /// <summary>
    /// Moves the elements of a row-major array so that output axis k is input axis perm[k]
    /// (numpy.transpose semantics), working on raw elements of any size.
    /// </summary>
    public static byte[] Transpose(byte[] data, IReadOnlyList<int> shape, IReadOnlyList<int> perm, int elementSize)
    {
        int rank = shape.Count;
        if (perm.Count != rank || perm.Distinct().Count() != rank || perm.Any(p => p < 0 || p >= rank))
            throw new ArgumentException($"{Format(perm.ToArray())} is not a permutation of {rank} axes", nameof(perm));
        var inStrides = Strides(shape);
        var outShape = perm.Select(p => shape[p]).ToArray();
        var result = new byte[data.Length];
        long count = ElementCount(shape);
        var index = new int[rank];
        for (long outFlat = 0; outFlat < count; outFlat++)
        {
            long inFlat = 0;
            for (int k = 0; k < rank; k++) inFlat += index[k] * inStrides[perm[k]];
            Buffer.BlockCopy(data, (int)(inFlat * elementSize), result, (int)(outFlat * elementSize), elementSize);
            for (int k = rank - 1; k >= 0; k--)
            {
                if (++index[k] < outShape[k]) break;
                index[k] = 0;
            }
        }
        return result;
    }
}
