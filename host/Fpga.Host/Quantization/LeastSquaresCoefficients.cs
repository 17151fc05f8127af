namespace Fpga.Host.Quantization;

/// <summary>
/// Solves (B^T B) a = B^T w for the k coefficients of fixed codes B, by Cholesky.
/// A column whose Schur pivot vanishes lies in the span of the earlier columns (a duplicate or
/// negated plane, or more codes than columns); it gets coefficient 0 and the remaining columns
/// are solved exactly, which is still a least-squares solution because dropping a dependent
/// column does not change the span.
/// </summary>
internal static class LeastSquaresCoefficients
{
    /// <summary>Relative pivot below which a column counts as dependent; ±1 Gram entries are integers, so true pivots sit far above it.</summary>
    private const double DependentPivot = 1e-9;

    public static void Solve(ReadOnlySpan<double> gram, ReadOnlySpan<double> correlation, Span<float> coefficients)
    {
        int k = correlation.Length;
        if (gram.Length != k * k) throw new ArgumentException($"expected a {k}x{k} Gram matrix, got {gram.Length} entries", nameof(gram));
        if (coefficients.Length != k) throw new ArgumentException($"expected {k} coefficients, got {coefficients.Length}", nameof(coefficients));

        Span<double> lower = stackalloc double[k * k];
        Span<bool> kept = stackalloc bool[k];
        lower.Clear();
        for (int j = 0; j < k; j++)
        {
            double diagonal = gram[j * k + j];
            double pivot = diagonal;
            for (int p = 0; p < j; p++) pivot -= lower[j * k + p] * lower[j * k + p];
            kept[j] = diagonal > 0 && pivot > DependentPivot * diagonal;
            if (!kept[j]) continue;
            double root = Math.Sqrt(pivot);
            lower[j * k + j] = root;
            for (int i = j + 1; i < k; i++)
            {
                double s = gram[i * k + j];
                for (int p = 0; p < j; p++) s -= lower[i * k + p] * lower[j * k + p];
                lower[i * k + j] = s / root;
            }
        }

        Span<double> y = stackalloc double[k];
        for (int j = 0; j < k; j++)
        {
            if (!kept[j]) { y[j] = 0; continue; }
            double s = correlation[j];
            for (int p = 0; p < j; p++) s -= lower[j * k + p] * y[p];
            y[j] = s / lower[j * k + j];
        }
        Span<double> x = stackalloc double[k];
        for (int j = k - 1; j >= 0; j--)
        {
            if (!kept[j]) { x[j] = 0; continue; }
            double s = y[j];
            for (int p = j + 1; p < k; p++) s -= lower[p * k + j] * x[p];
            x[j] = s / lower[j * k + j];
        }
        for (int j = 0; j < k; j++) coefficients[j] = (float)x[j];
    }
}
