namespace Fpga.Host.Quantization;

/// <summary>Greedy codes, then all coefficients refitted jointly by least squares (Xu et al. 2018, refined greedy).</summary>
internal static class RefinedQuantizer
{
    public static void QuantizeRow(ReadOnlySpan<float> values, QuantizedRow row, RowScratch scratch)
    {
        GreedyQuantizer.QuantizeRow(values, row, scratch);
        FitCoefficients(values, row, scratch);
    }

    /// <summary>Replaces the row's coefficients by the least-squares optimum for its current codes.</summary>
    public static void FitCoefficients(ReadOnlySpan<float> values, QuantizedRow row, RowScratch scratch)
    {
        int k = row.Codes;
        var gram = scratch.GramFor(k);
        var correlation = scratch.CorrelationFor(k);
        NormalEquations.Gram(row.Planes, k, row.Cols, gram);
        NormalEquations.Correlation(values, row.Planes, k, correlation);
        LeastSquaresCoefficients.Solve(gram, correlation, row.Coefficients);
    }
}
