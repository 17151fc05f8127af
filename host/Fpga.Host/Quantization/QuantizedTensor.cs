namespace Fpga.Host.Quantization;

/// <summary>
/// A matrix quantized row by row into k binary code planes: element (r, c) is
/// <c>Offsets[r] + sum_i Coefficients[r, i] * b_i(r, c)</c> with b in {-1, +1}.
/// Bit convention, fixed for the whole toolchain: a set bit means +1, a clear bit means -1.
/// Planes are packed least significant bit first into 64-bit words; padding bits past the
/// last column are always clear, so the XOR of two padded rows counts only real columns.
/// An activation vector is the one-row case.
/// </summary>
public sealed class QuantizedTensor
{
    public QuantizedTensor(int rows, int cols, int codes, QuantMethod method, ulong[] planes, float[] coefficients, float[]? offsets = null)
    {
        if (rows <= 0) throw new ArgumentOutOfRangeException(nameof(rows), rows, "a quantized tensor needs at least one row");
        if (cols <= 0) throw new ArgumentOutOfRangeException(nameof(cols), cols, "a quantized tensor needs at least one column");
        if (codes is < 1 or > MaxCodes) throw new ArgumentOutOfRangeException(nameof(codes), codes, $"codes per element must be 1..{MaxCodes}");
        Rows = rows;
        Cols = cols;
        Codes = codes;
        Method = method;
        WordsPerRow = (cols + 63) / 64;
        if (planes.Length != rows * codes * WordsPerRow)
            throw new ArgumentException($"expected {rows * codes * WordsPerRow} plane words for {rows}x{cols} with {codes} codes, got {planes.Length}", nameof(planes));
        if (coefficients.Length != rows * codes)
            throw new ArgumentException($"expected {rows * codes} coefficients, got {coefficients.Length}", nameof(coefficients));
        offsets ??= new float[rows];
        if (offsets.Length != rows)
            throw new ArgumentException($"expected {rows} offsets, got {offsets.Length}", nameof(offsets));
        ulong padMask = cols % 64 == 0 ? ulong.MaxValue : (1UL << (cols % 64)) - 1;
        for (int i = WordsPerRow - 1; i < planes.Length; i += WordsPerRow)
        {
            if ((planes[i] & ~padMask) != 0)
                throw new ArgumentException("padding bits past the last column must be clear", nameof(planes));
        }
        Planes = planes;
        Coefficients = coefficients;
        Offsets = offsets;
    }

    public const int MaxCodes = 8;

    public int Rows { get; }
    public int Cols { get; }
    public int Codes { get; }
    public QuantMethod Method { get; }
    public int WordsPerRow { get; }

    /// <summary>Layout [row][plane][word].</summary>
    public ulong[] Planes { get; }

    /// <summary>Layout [row][plane].</summary>
    public float[] Coefficients { get; }

    /// <summary>One constant per row (an affine zero point); zero for symmetric methods.</summary>
    public float[] Offsets { get; }

    public ReadOnlySpan<ulong> Plane(int row, int plane) => Planes.AsSpan((row * Codes + plane) * WordsPerRow, WordsPerRow);

    public ReadOnlySpan<float> RowCoefficients(int row) => Coefficients.AsSpan(row * Codes, Codes);

    public bool Bit(int row, int plane, int col) => ((Plane(row, plane)[col >> 6] >> (col & 63)) & 1UL) != 0;

    public float Value(int row, int col)
    {
        float sum = Offsets[row];
        var a = RowCoefficients(row);
        for (int i = 0; i < Codes; i++)
        {
            sum += Bit(row, i, col) ? a[i] : -a[i];
        }
        return sum;
    }

    /// <summary>The reconstructed matrix, row-major.</summary>
    public float[] Dequantize()
    {
        var result = new float[Rows * Cols];
        for (int r = 0; r < Rows; r++)
        {
            for (int c = 0; c < Cols; c++)
            {
                result[r * Cols + c] = Value(r, c);
            }
        }
        return result;
    }
}
