namespace Fpga.Host.Formats.Numpy;

/// <summary>The NumPy type strings ('&lt;f4', '|u1', ...) of the dtypes .npy files may hold here.</summary>
internal static class NpyDTypes
{
    private static readonly (TensorDType DType, string Descr)[] Table =
    [
        (TensorDType.F32, "<f4"),
        (TensorDType.F64, "<f8"),
        (TensorDType.F16, "<f2"),
        (TensorDType.I64, "<i8"),
        (TensorDType.I32, "<i4"),
        (TensorDType.I16, "<i2"),
        (TensorDType.I8, "|i1"),
        (TensorDType.U8, "|u1"),
        (TensorDType.Bool, "|b1"),
    ];

    public static string Descr(TensorDType dtype, string tensorName)
    {
        foreach (var (candidate, descr) in Table)
        {
            if (candidate == dtype) return descr;
        }
        throw new Diagnostics.FpgaException($"tensor '{tensorName}': NumPy has no {dtype} dtype; convert it to float32 before writing .npy");
    }

    /// <summary>Accepts '&lt;' and, for one-byte types, '|' or '&lt;'; rejects big-endian data with its own message.</summary>
    public static TensorDType Parse(string descr, string source, string tensorName)
    {
        if (descr.Length >= 2)
        {
            char order = descr[0];
            string kind = descr[1..];
            if (order == '>' && kind is not ("i1" or "u1" or "b1"))
                throw FileErrors.Tensor(source, tensorName, $"big-endian dtype '{descr}' is not supported; save it little-endian (arr.astype(arr.dtype.newbyteorder('<')))");
            foreach (var (dtype, known) in Table)
            {
                if (known[1..] != kind) continue;
                bool singleByte = dtype.ElementSize() == 1;
                if (order == '<' || order == '=' || (singleByte && order is '|' or '>')) return dtype;
            }
        }
        throw FileErrors.Tensor(source, tensorName, $"unsupported NumPy dtype '{descr}' (supported: {string.Join(", ", Table.Select(t => t.Descr))})");
    }
}
