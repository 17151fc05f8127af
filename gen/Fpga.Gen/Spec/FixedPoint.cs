namespace Fpga.Gen.Spec;

/// <summary>The integer operations of the numeric contract (docs/NUMERICS.md), in one place.</summary>
public static class FixedPoint
{
    /// <summary>Round-half-up arithmetic shift right by s (left for negative s).</summary>
    public static long RoundShiftRight(long x, int s) =>
        s > 0 ? (x + (1L << (s - 1))) >> s : s == 0 ? x : x << -s;

    public static long Saturate(long x, FixedFormat format) => Math.Clamp(x, format.Min, format.Max);

    /// <summary>A real number to the nearest integer of a format, half away from zero, saturated.</summary>
    public static long Quantize(double value, FixedFormat format)
    {
        if (double.IsNaN(value)) throw new ArgumentException("cannot quantize NaN");
        double scaled = Math.Round(Math.ScaleB(value, format.Fraction), MidpointRounding.AwayFromZero);
        return scaled >= format.Max ? format.Max : scaled <= format.Min ? format.Min : (long)scaled;
    }

    /// <summary>floor((2s + d) / 2d) for s >= 0, d > 0: s / d rounded half up.</summary>
    public static long RoundedDivide(long s, long d)
    {
        if (s < 0 || d <= 0) throw new ArgumentOutOfRangeException(nameof(s), "defined for s >= 0 and d > 0");
        return (2 * s + d) / (2 * d);
    }
}
