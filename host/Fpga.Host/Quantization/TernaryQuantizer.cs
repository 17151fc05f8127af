using System.Numerics.Tensors;

namespace Fpga.Host.Quantization;

/// <summary>
/// Ternary weight networks (Li &amp; Liu 2016): threshold delta = 0.7 mean |w|, values {-a, 0, +a}
/// with a = mean of |w| over |w| &gt; delta, the optimal scale for that threshold. Stored as two
/// codes with a_1 = a_2 = a/2: (+,+) = +a, (+,-) = 0, (-,-) = -a.
/// </summary>
internal static class TernaryQuantizer
{
    public const float ThresholdFactor = 0.7f;

    public static void QuantizeRow(ReadOnlySpan<float> values, QuantizedRow row)
    {
        int n = values.Length;
        float delta = ThresholdFactor * (float)(TensorPrimitives.SumOfMagnitudes(values) / n);
        var positiveOrZero = row.Plane(0);
        var positive = row.Plane(1);
        double kept = 0;
        int count = 0;
        for (int start = 0, word = 0; start < n; start += BitPlanes.ColumnsPerWord, word++)
        {
            int end = Math.Min(n, start + BitPlanes.ColumnsPerWord);
            ulong first = 0, second = 0;
            for (int c = start; c < end; c++)
            {
                float x = values[c];
                ulong bit = 1UL << (c - start);
                if (x >= -delta) first |= bit;
                if (x > delta) second |= bit;
                if (Math.Abs(x) > delta)
                {
                    kept += Math.Abs(x);
                    count++;
                }
            }
            positiveOrZero[word] = first;
            positive[word] = second;
        }
        // Only an all-zero row keeps nothing above its threshold (the largest |w| always exceeds 0.7 mean |w| otherwise).
        float half = count == 0 ? 0f : (float)(kept / count / 2);
        row.Coefficients[0] = half;
        row.Coefficients[1] = half;
    }
}
