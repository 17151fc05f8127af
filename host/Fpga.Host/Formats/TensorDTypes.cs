namespace Fpga.Host.Formats;

/// <summary>Sizes, names and classes of <see cref="TensorDType"/> values.</summary>
public static class TensorDTypes
{
    public static int ElementSize(this TensorDType dtype) => dtype switch
    {
        TensorDType.F64 or TensorDType.I64 => 8,
        TensorDType.F32 or TensorDType.I32 => 4,
        TensorDType.F16 or TensorDType.BF16 or TensorDType.I16 => 2,
        TensorDType.I8 or TensorDType.U8 or TensorDType.Bool => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "unknown dtype"),
    };

    public static bool IsFloatingPoint(this TensorDType dtype) =>
        dtype is TensorDType.F32 or TensorDType.F16 or TensorDType.BF16 or TensorDType.F64;

    /// <summary>Integer types, bool included: they convert to token ids without loss.</summary>
    public static bool IsInteger(this TensorDType dtype) => !dtype.IsFloatingPoint();

    /// <summary>The dtype's name in safetensors headers ("F32", "BOOL", ...).</summary>
    public static string SafetensorsName(this TensorDType dtype) => dtype == TensorDType.Bool ? "BOOL" : dtype.ToString();

    public static bool TryParseSafetensorsName(string name, out TensorDType dtype)
    {
        foreach (var candidate in Enum.GetValues<TensorDType>())
        {
            if (candidate.SafetensorsName() == name)
            {
                dtype = candidate;
                return true;
            }
        }
        dtype = default;
        return false;
    }
}
