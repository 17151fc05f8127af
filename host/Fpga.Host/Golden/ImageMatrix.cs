namespace Fpga.Host.Golden;

/// <summary>
/// One weight matrix of the model image: kw code planes per row (layout [row][plane][word],
/// set bit = +1, LSB-first, padding clear) and integer coefficients A[r][i] in the
/// WeightCoefficient format (layout [row][plane]).
/// </summary>
public sealed class ImageMatrix
{
    public ImageMatrix(int rows, int cols, int codes, ulong[] planes, long[] coefficients)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(cols, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(codes, 1);
        ArgumentNullException.ThrowIfNull(planes);
        ArgumentNullException.ThrowIfNull(coefficients);
        if (planes.Length != rows * codes * CodedVector.WordsFor(cols))
            throw new ArgumentException($"expected {rows * codes * CodedVector.WordsFor(cols)} plane words for {rows}x{cols} with {codes} codes, got {planes.Length}", nameof(planes));
        if (coefficients.Length != rows * codes)
            throw new ArgumentException($"expected {rows * codes} coefficients, got {coefficients.Length}", nameof(coefficients));
        if (!CodedVector.PaddingIsClear(planes, cols))
            throw new ArgumentException("padding bits past the last column must be clear", nameof(planes));
        Rows = rows;
        Cols = cols;
        Codes = codes;
        Planes = planes;
        Coefficients = coefficients;
    }

    public int Rows { get; }
    public int Cols { get; }
    public int Codes { get; }
    public int WordsPerRow => CodedVector.WordsFor(Cols);
    public ulong[] Planes { get; }
    public long[] Coefficients { get; }

    public ReadOnlySpan<ulong> Plane(int row, int code) => Planes.AsSpan((row * Codes + code) * WordsPerRow, WordsPerRow);

    public long Coefficient(int row, int code) => Coefficients[row * Codes + code];
}
