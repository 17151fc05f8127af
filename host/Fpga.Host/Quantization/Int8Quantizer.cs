using System.Numerics.Tensors;

namespace Fpga.Host.Quantization;

/// <summary>
/// TensorFlow Lite style asymmetric 8-bit quantization per row: the range [min, max] widened to
/// hold 0, scale = (max - min) / 255, a nudged zero point zp, q = clamp(round(x / scale) + zp, 0, 255)
/// and x' = scale * (q - zp). With q = sum_i bit_i 2^(i-1) and bit_i = (b_i + 1) / 2 this is
/// x' = sum_i scale 2^(i-2) b_i + scale (127.5 - zp): eight codes plus the row offset.
/// </summary>
internal static class Int8Quantizer
{
    public const int QuantMin = 0;
    public const int QuantMax = 255;
    private const double CodeMidpoint = (QuantMax + QuantMin) / 2.0;

    /// <summary>TFLite's ChooseQuantizationParams: zero point from whichever end loses less, nudged onto the integer grid.</summary>
    public static (float Scale, int ZeroPoint) Parameters(ReadOnlySpan<float> values)
    {
        double min = Math.Min(0.0, TensorPrimitives.Min(values));
        double max = Math.Max(0.0, TensorPrimitives.Max(values));
        if (min == max) return (0f, 0);
        double scale = (max - min) / (QuantMax - QuantMin);
        double fromMin = QuantMin - min / scale;
        double fromMax = QuantMax - max / scale;
        double errorFromMin = Math.Abs((double)QuantMin) + Math.Abs(min / scale);
        double errorFromMax = Math.Abs((double)QuantMax) + Math.Abs(max / scale);
        double zeroPoint = errorFromMin < errorFromMax ? fromMin : fromMax;
        int nudged = zeroPoint < QuantMin ? QuantMin
            : zeroPoint > QuantMax ? QuantMax
            : (int)Math.Round(zeroPoint, MidpointRounding.AwayFromZero);
        return ((float)scale, nudged);
    }

    /// <summary>TFLite's AffineQuantize for one value (std::round is half away from zero).</summary>
    public static int Code(float x, float scale, int zeroPoint) =>
        scale == 0f ? zeroPoint : Math.Clamp((int)MathF.Round(x / scale, MidpointRounding.AwayFromZero) + zeroPoint, QuantMin, QuantMax);

    public static void QuantizeRow(ReadOnlySpan<float> values, QuantizedRow row)
    {
        var (scale, zeroPoint) = Parameters(values);
        int n = values.Length;
        int words = row.WordsPerPlane;
        var planes = row.Planes;
        planes.Clear();
        for (int c = 0; c < n; c++)
        {
            int q = Code(values[c], scale, zeroPoint);
            int word = c >> 6;
            ulong bit = 1UL << (c & 63);
            for (int i = 0; i < 8; i++)
            {
                if (((q >> i) & 1) != 0) planes[i * words + word] |= bit;
            }
        }
        for (int i = 0; i < 8; i++) row.Coefficients[i] = scale * MathF.ScaleB(1f, i - 1);
        row.Offset = (float)(scale * (CodeMidpoint - zeroPoint));
    }
}
