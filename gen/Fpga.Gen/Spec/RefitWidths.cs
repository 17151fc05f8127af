using System.Numerics;

namespace Fpga.Gen.Spec;

/// <summary>
/// Widths of alternating re-quantization (docs/NUMERICS.md step 6): the normal equations
/// (B^T B) a = B^T r0 of ka &lt;= 3 codes over H units, solved by Cramer's rule with the
/// adjugate, and the level search. Every bound below also holds for each partial sum of the
/// value's expansion, because it is the sum of the absolute values of the expansion's terms.
/// </summary>
public sealed class RefitWidths
{
    internal RefitWidths(AcceleratorSpec spec, BigInteger originalBound, int levelShift)
    {
        int ka = spec.ActivationCodes;
        BigInteger h = spec.HiddenSize;
        BigInteger factorial = Enumerable.Range(1, ka).Aggregate(BigInteger.One, (f, i) => f * i);
        BigInteger lowerFactorial = factorial / ka;
        Original = DerivedWidths.SignedBits(originalBound);
        GramEntry = DerivedWidths.SignedBits(h);
        var correlation = h * originalBound;
        Correlation = DerivedWidths.SignedBits(correlation);
        var adjugate = lowerFactorial * BigInteger.Pow(h, ka - 1);
        Adjugate = DerivedWidths.SignedBits(adjugate);
        var determinant = factorial * BigInteger.Pow(h, ka);
        Determinant = DerivedWidths.SignedBits(determinant);
        var numerator = factorial * BigInteger.Pow(h, ka - 1) * correlation;
        CramerNumerator = DerivedWidths.SignedBits(numerator);
        var divisor = determinant << levelShift;
        DivideNumerator = DerivedWidths.SignedBits(2 * numerator + divisor);
        DivideDivisor = DerivedWidths.SignedBits(2 * divisor);
        var level = ka * (BigInteger)spec.ActivationCoefficient.Max;
        Level = DerivedWidths.SignedBits(level);
        Comparison = DerivedWidths.SignedBits(BigInteger.Max(2 * originalBound, (2 * level) << levelShift));
    }

    /// <summary>r0[k] = h[k] * 2^(F*-FH), the vector every refit approximates: 2^(WH-1) * 2^(F*-FH).</summary>
    public int Original { get; }

    /// <summary>Q[i][j] = H - 2 popcount(C[i] xor C[j]): H.</summary>
    public int GramEntry { get; }

    /// <summary>c[i] = sum_k (C[i][k] ? +r0[k] : -r0[k]): H times the bound of r0.</summary>
    public int Correlation { get; }

    /// <summary>An adjugate entry of Q, a signed sum of (ka-1)! products of ka-1 Gram entries: (ka-1)! H^(ka-1).</summary>
    public int Adjugate { get; }

    /// <summary>det Q = sum_r Q[0][r] A[r][0]: ka! H^ka.</summary>
    public int Determinant { get; }

    /// <summary>N[i] = sum_r A[i][r] c[r], Cramer's numerator: ka! H^(ka-1) times the correlation bound.</summary>
    public int CramerNumerator { get; }

    /// <summary>2 |N[i]| + det * 2^(F*-FG), the numerator of the rounded division.</summary>
    public int DivideNumerator { get; }

    /// <summary>2 det * 2^(F*-FG), its divisor.</summary>
    public int DivideDivisor { get; }

    /// <summary>A level sum_i +-G[i]: ka max_G.</summary>
    public int Level { get; }

    /// <summary>2 r0[k] against (L[s] + L[s+1]) * 2^(F*-FG), the binary search's comparison.</summary>
    public int Comparison { get; }

    internal IEnumerable<int> All => [Original, GramEntry, Correlation, Adjugate, Determinant, CramerNumerator, DivideNumerator, DivideDivisor, Level, Comparison];
}
