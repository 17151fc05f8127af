namespace Fpga.Host.Quantization;

/// <summary>
/// Alternating multi-bit quantization (Xu et al. 2018): from greedy codes, each cycle refits the
/// coefficients by least squares for the codes, then re-derives every code as the nearest level
/// for those coefficients. Each half-step is optimal for what the other fixed, so the error never
/// grows, and the final codes are optimal for the final coefficients.
/// </summary>
internal static class AlternatingQuantizer
{
    public static void QuantizeRow(ReadOnlySpan<float> values, QuantizedRow row, int cycles, RowScratch scratch)
    {
        int k = row.Codes;
        var gram = scratch.GramFor(k);
        var correlation = scratch.CorrelationFor(k);
        RefinedQuantizer.GreedyStart(values, row, scratch);
        for (int cycle = 0; cycle < cycles; cycle++)
        {
            LeastSquaresCoefficients.Solve(gram, correlation, row.Coefficients);
            scratch.Tree.Build(row.Coefficients);
            bool last = cycle == cycles - 1;
            // The code pass also gathers B^T w for the next refit; the last one has no next refit.
            BinarySearchTreeCodes.Assign(values, scratch.Tree, row.Planes, last ? Span<double>.Empty : correlation);
            if (!last) CodeGram.Compute(row.Planes, k, row.Cols, gram);
        }
    }
}
