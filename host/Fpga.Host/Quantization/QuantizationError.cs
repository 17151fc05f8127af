namespace Fpga.Host.Quantization;

/// <summary>How far a quantized tensor is from the values it was made from.</summary>
public static class QuantizationError
{
    /// <summary>
    /// ||W - Wq||^2 / ||W||^2 over the whole tensor, accumulated in double. An all-zero W gives 0
    /// when Wq is also zero and positive infinity otherwise.
    /// </summary>
    public static double Relative(ReadOnlySpan<float> original, QuantizedTensor quantized)
    {
        ArgumentNullException.ThrowIfNull(quantized);
        int rows = quantized.Rows, cols = quantized.Cols;
        if (original.Length != (long)rows * cols)
            throw new ArgumentException($"the original holds {original.Length} values but the quantized tensor is {rows}x{cols}", nameof(original));
        // Per-row sums added in row order keep the result independent of thread scheduling.
        var squaredError = new double[rows];
        var squaredNorm = new double[rows];
        RowParallel.For(original, rows, cols, (r, values) =>
        {
            var decoded = DecodeBuffer(cols);
            RowReconstruction.Decode(quantized, r, decoded);
            double error = 0, norm = 0;
            for (int c = 0; c < cols; c++)
            {
                double d = (double)values[c] - decoded[c];
                error += d * d;
                norm += (double)values[c] * values[c];
            }
            squaredError[r] = error;
            squaredNorm[r] = norm;
        });
        double totalError = 0, totalNorm = 0;
        for (int r = 0; r < rows; r++)
        {
            totalError += squaredError[r];
            totalNorm += squaredNorm[r];
        }
        if (totalNorm == 0) return totalError == 0 ? 0 : double.PositiveInfinity;
        return totalError / totalNorm;
    }

    [ThreadStatic] private static float[]? t_decoded;

    private static Span<float> DecodeBuffer(int cols)
    {
        if (t_decoded is null || t_decoded.Length < cols) t_decoded = new float[cols];
        return t_decoded.AsSpan(0, cols);
    }
}
