namespace Fpga.Host.Quantization;

/// <summary>XNOR-Net (Rastegari et al. 2016): sign codes, scale mean |w|, the L2-optimal scale for sign codes.</summary>
internal static class BinaryQuantizer
{
    public static void QuantizeRow(ReadOnlySpan<float> values, QuantizedRow row)
    {
        row.Coefficients[0] = (float)(SignPlanes.Write(values, row.Plane(0)) / values.Length);
    }
}
