namespace Fpga.Host.Quantization;

/// <summary>
/// Greedy residual quantization (Xu et al. 2018, eq. 3): r = w; for each code
/// b_i = sign(r), a_i = mean |r|, r -= a_i b_i.
/// </summary>
internal static class GreedyQuantizer
{
    public static void QuantizeRow(ReadOnlySpan<float> values, QuantizedRow row, RowScratch scratch) =>
        QuantizeRow(values, row, scratch, stackalloc double[row.Codes]);

    /// <summary>Also reports sum |r_i| for each code, which <see cref="Correlation"/> turns into B^T w.</summary>
    public static void QuantizeRow(ReadOnlySpan<float> values, QuantizedRow row, RowScratch scratch, Span<double> magnitudes)
    {
        int n = values.Length;
        var a = row.Coefficients;
        magnitudes[0] = SignPlanes.Write(values, row.Plane(0));
        a[0] = (float)(magnitudes[0] / n);
        if (row.Codes == 1) return;
        var residual = scratch.Residual(n);
        ReadOnlySpan<float> previous = values;
        for (int i = 1; i < row.Codes; i++)
        {
            magnitudes[i] = SignPlanes.WriteResidual(previous, a[i - 1], residual, row.Plane(i));
            a[i] = (float)(magnitudes[i] / n);
            previous = residual;
        }
    }

    /// <summary>
    /// B^T w of greedy codes without another pass over w: r_i = w - sum_{j&lt;i} a_j b_j and
    /// b_i = sign(r_i), so b_i . w = sum |r_i| + sum_{j&lt;i} a_j (b_i . b_j).
    /// </summary>
    public static void Correlation(ReadOnlySpan<double> magnitudes, ReadOnlySpan<float> coefficients, ReadOnlySpan<double> gram, Span<double> correlation)
    {
        int k = correlation.Length;
        if (magnitudes.Length != k || coefficients.Length != k || gram.Length != k * k)
            throw new ArgumentException($"greedy correlation needs {k} magnitudes, {k} coefficients and a {k}x{k} Gram matrix");
        for (int i = 0; i < k; i++)
        {
            double sum = magnitudes[i];
            for (int j = 0; j < i; j++) sum += coefficients[j] * gram[i * k + j];
            correlation[i] = sum;
        }
    }
}
