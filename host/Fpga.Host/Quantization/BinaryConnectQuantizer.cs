namespace Fpga.Host.Quantization;

/// <summary>BinaryConnect (Courbariaux et al. 2015): sign codes with the fixed scale 1.</summary>
internal static class BinaryConnectQuantizer
{
    public static void QuantizeRow(ReadOnlySpan<float> values, QuantizedRow row)
    {
        SignPlanes.Write(values, row.Plane(0));
        row.Coefficients[0] = 1f;
    }
}
