using Fpga.Host.Quantization;

namespace Fpga.Host.Training;

/// <summary>Quantizes a matrix row by row and writes back the values the codes stand for (what the accelerator computes with).</summary>
public static class FakeQuantization
{
    public static void Apply(ReadOnlySpan<float> matrix, int rows, int cols, QuantizerOptions options, Span<float> result)
    {
        var q = Quantizer.QuantizeRows(matrix, rows, cols, options);
        Reconstruct(q, result);
    }

    /// <summary>The dequantized matrix, a word of 64 codes at a time rather than bit by bit.</summary>
    public static void Reconstruct(QuantizedTensor q, Span<float> result)
    {
        if (result.Length < q.Rows * q.Cols) throw new ArgumentException($"needs room for {q.Rows * q.Cols} values", nameof(result));
        for (int r = 0; r < q.Rows; r++)
        {
            var row = result.Slice(r * q.Cols, q.Cols);
            row.Fill(q.Offsets[r]);
            var a = q.RowCoefficients(r);
            for (int p = 0; p < q.Codes; p++)
            {
                var plane = q.Plane(r, p);
                float plus = a[p], minus = -a[p];
                for (int c = 0; c < q.Cols; c++)
                {
                    row[c] += ((plane[c >> 6] >> (c & 63)) & 1UL) != 0 ? plus : minus;
                }
            }
        }
    }
}
