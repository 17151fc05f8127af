namespace Fpga.Host.Quantization;

/// <summary>Greedy codes, then all coefficients refitted jointly by least squares (Xu et al. 2018, refined greedy).</summary>
internal static class RefinedQuantizer
{
    public static void QuantizeRow(ReadOnlySpan<float> values, QuantizedRow row, RowScratch scratch)
    {
        GreedyStart(values, row, scratch);
        LeastSquaresCoefficients.Solve(scratch.GramFor(row.Codes), scratch.CorrelationFor(row.Codes), row.Coefficients);
    }

    /// <summary>Greedy codes and coefficients, with their normal equations left in the scratch's Gram and correlation.</summary>
    public static void GreedyStart(ReadOnlySpan<float> values, QuantizedRow row, RowScratch scratch)
    {
        int k = row.Codes;
        Span<double> magnitudes = stackalloc double[k];
        GreedyQuantizer.QuantizeRow(values, row, scratch, magnitudes);
        var gram = scratch.GramFor(k);
        CodeGram.Compute(row.Planes, k, row.Cols, gram);
        GreedyQuantizer.Correlation(magnitudes, row.Coefficients, gram, scratch.CorrelationFor(k));
    }
}
