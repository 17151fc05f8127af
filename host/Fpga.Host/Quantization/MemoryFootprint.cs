namespace Fpga.Host.Quantization;

/// <summary>
/// Storage of a matrix as float32 against its quantized form: the packed planes (padding
/// included, as the hardware stores them) plus one float per coefficient and per row offset.
/// </summary>
public readonly record struct MemoryFootprint(long Float32Bytes, long QuantizedBytes)
{
    public static MemoryFootprint Of(QuantizedTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        long original = (long)tensor.Rows * tensor.Cols * sizeof(float);
        long quantized = (long)tensor.Planes.Length * sizeof(ulong)
            + (long)tensor.Coefficients.Length * sizeof(float)
            + (long)tensor.Offsets.Length * sizeof(float);
        return new MemoryFootprint(original, quantized);
    }

    /// <summary>How many times smaller the quantized form is.</summary>
    public double CompressionRatio => (double)Float32Bytes / QuantizedBytes;

    public long SavedBytes => Float32Bytes - QuantizedBytes;

    /// <summary>Share of the float32 storage saved, in [0, 1) for any real saving, negative when quantizing grows the data.</summary>
    public double SavedFraction => (double)SavedBytes / Float32Bytes;
}
