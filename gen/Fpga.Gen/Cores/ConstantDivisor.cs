using System.Numerics;

namespace Fpga.Gen.Cores;

/// <summary>
/// floor(N / d) for a constant d and every 0 &lt;= N &lt;= N_max as a multiply and shifts:
/// floor(((N &gt;&gt; t) * M) &gt;&gt; s), where 2^t is the largest power of two dividing d (an exact
/// pre-shift, since floor(floor(N / 2^t) / o) = floor(N / (2^t o))) and M = ceil(2^s / o) for
/// the odd rest o. With e = M o - 2^s (0 &lt;= e &lt; o) and n = N &gt;&gt; t = q o + r:
/// n M / 2^s = q + (r + n e / 2^s) / o, which stays below q + 1 whenever n e &lt; 2^s, because
/// r &lt;= o - 1. The smallest s with n_max e &lt; 2^s is taken, so M is as narrow as it gets.
/// <see cref="Verify"/> checks the claim at every step of floor(N / d) up to N_max, which by
/// monotony of both sides covers every N.
/// </summary>
public sealed class ConstantDivisor
{
    private ConstantDivisor(BigInteger divisor, BigInteger maxNumerator, int preShift, BigInteger multiplier, int shift)
    {
        Divisor = divisor;
        MaxNumerator = maxNumerator;
        PreShift = preShift;
        Multiplier = multiplier;
        Shift = shift;
    }

    public BigInteger Divisor { get; }
    public BigInteger MaxNumerator { get; }
    /// <summary>t: the numerator is shifted right by this before the multiply.</summary>
    public int PreShift { get; }
    /// <summary>M; 1 when the divisor is a power of two (no multiplier at all).</summary>
    public BigInteger Multiplier { get; }
    /// <summary>s: the product is shifted right by this.</summary>
    public int Shift { get; }

    public static ConstantDivisor For(BigInteger divisor, BigInteger maxNumerator)
    {
        if (divisor <= 0) throw new ArgumentOutOfRangeException(nameof(divisor), "the divisor must be positive");
        if (maxNumerator < 0) throw new ArgumentOutOfRangeException(nameof(maxNumerator), "the numerator bound must not be negative");
        int t = 0;
        while (((divisor >> t) & 1) == 0) t++;
        var odd = divisor >> t;
        var reduced = maxNumerator >> t;
        if (odd == 1) return new ConstantDivisor(divisor, maxNumerator, t, 1, 0);
        for (int s = (int)odd.GetBitLength(); ; s++)
        {
            var power = BigInteger.One << s;
            var m = (power + odd - 1) / odd;
            if (reduced * (m * odd - power) < power) return new ConstantDivisor(divisor, maxNumerator, t, m, s);
        }
    }

    /// <summary>A given reciprocal, unchecked: what <see cref="Verify"/> is for.</summary>
    public static ConstantDivisor Of(BigInteger divisor, BigInteger maxNumerator, int preShift, BigInteger multiplier, int shift) =>
        new(divisor, maxNumerator, preShift, multiplier, shift);

    public BigInteger Divide(BigInteger numerator) => ((numerator >> PreShift) * Multiplier) >> Shift;

    /// <summary>
    /// Both sides are non-decreasing step functions of N, so they agree everywhere on
    /// [0, N_max] when they agree at 0, N_max and on both sides of every step q d.
    /// Returns the first N where they differ, or null.
    /// </summary>
    public BigInteger? Verify()
    {
        if (Divide(0) != 0) return 0;
        // 128-bit integers when every product fits them: the check runs at each generation.
        if ((MaxNumerator * Multiplier).GetBitLength() < 127)
        {
            UInt128 d = (UInt128)Divisor, m = (UInt128)Multiplier, max = (UInt128)MaxNumerator;
            for (UInt128 q = 1; q * d <= max; q++)
            {
                var step = q * d;
                if ((((step - 1) >> PreShift) * m) >> Shift != q - 1) return (BigInteger)(step - 1);
                if (((step >> PreShift) * m) >> Shift != q) return (BigInteger)step;
            }
        }
        else
        {
            for (BigInteger q = 1; q * Divisor <= MaxNumerator; q++)
            {
                var step = q * Divisor;
                if (Divide(step - 1) != q - 1) return step - 1;
                if (Divide(step) != q) return step;
            }
        }
        return Divide(MaxNumerator) != MaxNumerator / Divisor ? MaxNumerator : null;
    }

    /// <summary>Bits of the multiplier (0 when there is none).</summary>
    public int MultiplierBits => Multiplier == 1 ? 0 : (int)Multiplier.GetBitLength();
}
