using System.Numerics.Tensors;

namespace Fpga.Host.Quantization;

/// <summary>
/// 2^k evenly spaced symmetric levels step * {±1, ±3, ..., ±(2^k - 1)}, as k codes with
/// coefficients step * 2^(i-1). The step is the least-squares (MSE) one reached by
/// <see cref="ScaledLevelFit"/> from the clip-free start step = max |w| / (2^k - 1), so the
/// error is never above that of plain max-abs scaling; extremes may clip when that lowers the MSE.
/// </summary>
internal static class UniformQuantizer
{
    public static float InitialStep(ReadOnlySpan<float> values, int codes) =>
        Math.Abs(TensorPrimitives.MaxMagnitude(values)) / ((1 << codes) - 1);

    public static void QuantizeRow(ReadOnlySpan<float> values, QuantizedRow row, RowScratch scratch)
    {
        Span<float> ratios = stackalloc float[row.Codes];
        for (int i = 0; i < ratios.Length; i++) ratios[i] = 1 << i;
        ScaledLevelFit.Fit(values, ratios, InitialStep(values, row.Codes), row, scratch);
    }
}
