using System.Numerics.Tensors;

namespace Fpga.Host.Quantization;

/// <summary>
/// Levels {-1, -0.5, 0.5, 1} * a as two codes with a_1 = 0.75a, a_2 = 0.25a, the scale a fitted
/// by least squares with nearest-level codes (<see cref="ScaledLevelFit"/>).
/// </summary>
internal static class QuaternaryQuantizer
{
    private static readonly float[] Ratios = [0.75f, 0.25f];

    /// <summary>
    /// The start a = 4/3 mean |w| makes the mean level magnitude 0.75a (half the elements on each
    /// magnitude) equal to mean |w|, the same moment XNOR-Net's binary scale matches; its first
    /// threshold 0.75a = mean |w| splits the magnitudes at their mean.
    /// </summary>
    public static float InitialScale(ReadOnlySpan<float> values) =>
        4f / 3f * (float)(TensorPrimitives.SumOfMagnitudes(values) / values.Length);

    public static void QuantizeRow(ReadOnlySpan<float> values, QuantizedRow row, RowScratch scratch)
    {
        ScaledLevelFit.Fit(values, Ratios, InitialScale(values), row, scratch);
    }
}
