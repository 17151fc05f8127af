namespace Fpga.Host.Quantization;

/// <summary>
/// Greedy residual quantization (Xu et al. 2018, eq. 3): r = w; for each code
/// b_i = sign(r), a_i = mean |r|, r -= a_i b_i.
/// </summary>
internal static class GreedyQuantizer
{
    public static void QuantizeRow(ReadOnlySpan<float> values, QuantizedRow row, RowScratch scratch)
    {
        int n = values.Length;
        var a = row.Coefficients;
        a[0] = (float)(SignPlanes.Write(values, row.Plane(0)) / n);
        if (row.Codes == 1) return;
        var residual = scratch.Residual(n);
        ReadOnlySpan<float> previous = values;
        for (int i = 1; i < row.Codes; i++)
        {
            a[i] = (float)(SignPlanes.WriteResidual(previous, a[i - 1], residual, row.Plane(i)) / n);
            previous = residual;
        }
    }
}
