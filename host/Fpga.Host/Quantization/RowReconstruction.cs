namespace Fpga.Host.Quantization;

/// <summary>
/// Decodes one row of a <see cref="QuantizedTensor"/> through a table of its 2^k level values,
/// summed in the same order as <see cref="QuantizedTensor.Value"/> so the results are identical.
/// </summary>
internal static class RowReconstruction
{
    public static void Decode(QuantizedTensor tensor, int row, Span<float> destination)
    {
        if (destination.Length != tensor.Cols) throw new ArgumentException($"expected {tensor.Cols} values, got {destination.Length}", nameof(destination));
        int k = tensor.Codes;
        var a = tensor.RowCoefficients(row);
        Span<float> levels = stackalloc float[1 << k];
        for (int p = 0; p < levels.Length; p++)
        {
            float sum = tensor.Offsets[row];
            for (int i = 0; i < k; i++) sum += ((p >> i) & 1) != 0 ? a[i] : -a[i];
            levels[p] = sum;
        }
        int words = tensor.WordsPerRow;
        var planes = tensor.Planes.AsSpan(row * k * words, k * words);
        for (int c = 0; c < destination.Length; c++)
        {
            int word = c >> 6, shift = c & 63, pattern = 0;
            for (int i = 0; i < k; i++) pattern |= (int)((planes[i * words + word] >> shift) & 1UL) << i;
            destination[c] = levels[pattern];
        }
    }
}
