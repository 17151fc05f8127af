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
        GreedyQuantizer.QuantizeRow(values, row, scratch);
        for (int cycle = 0; cycle < cycles; cycle++)
        {
            RefinedQuantizer.FitCoefficients(values, row, scratch);
            scratch.Tree.Build(row.Coefficients);
            BinarySearchTreeCodes.Assign(values, scratch.Tree, row.Planes);
        }
    }
}
