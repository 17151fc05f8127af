namespace Fpga.Host.Golden;

/// <summary>
/// An activation vector as the accelerator sees it: ka code planes C[j] over Columns bits (set
/// bit = +1, LSB-first words, padding clear) and their integer coefficients G[j] in the
/// ActivationCoefficient format. The value of column k is sum_j G[j] * (C[j][k] ? +1 : -1).
/// </summary>
public sealed class CodedVector
{
    public CodedVector(int columns, ulong[] planes, long[] coefficients)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        ArgumentNullException.ThrowIfNull(planes);
        ArgumentNullException.ThrowIfNull(coefficients);
        if (coefficients.Length == 0) throw new ArgumentException("a coded vector needs at least one code", nameof(coefficients));
        int words = WordsFor(columns);
        if (planes.Length != coefficients.Length * words)
            throw new ArgumentException($"expected {coefficients.Length * words} plane words for {coefficients.Length} codes over {columns} columns, got {planes.Length}", nameof(planes));
        if (!PaddingIsClear(planes, columns))
            throw new ArgumentException("padding bits past the last column must be clear", nameof(planes));
        Columns = columns;
        Planes = planes;
        Coefficients = coefficients;
    }

    public int Columns { get; }
    public int Codes => Coefficients.Length;
    public int WordsPerPlane => WordsFor(Columns);

    /// <summary>Layout [plane][word].</summary>
    public ulong[] Planes { get; }

    /// <summary>G[j], integers in the ActivationCoefficient format.</summary>
    public long[] Coefficients { get; }

    public ReadOnlySpan<ulong> Plane(int code) => Planes.AsSpan(code * WordsPerPlane, WordsPerPlane);

    public bool Bit(int code, int column) => ((Plane(code)[column >> 6] >> (column & 63)) & 1UL) != 0;

    /// <summary>The state after reset-state: every coefficient 0 (and every bit clear), so it contributes exactly 0.</summary>
    public static CodedVector Zero(int columns, int codes) => new(columns, new ulong[codes * WordsFor(columns)], new long[codes]);

    public static int WordsFor(int columns) => (columns + 63) / 64;

    internal static bool PaddingIsClear(ulong[] planes, int columns)
    {
        int words = WordsFor(columns);
        ulong padMask = columns % 64 == 0 ? ulong.MaxValue : (1UL << (columns % 64)) - 1;
        for (int i = words - 1; i < planes.Length; i += words)
        {
            if ((planes[i] & ~padMask) != 0) return false;
        }
        return true;
    }
}
