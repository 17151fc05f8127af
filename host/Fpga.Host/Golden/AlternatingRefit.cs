using Fpga.Gen.Spec;

namespace Fpga.Host.Golden;

/// <summary>
/// The state of alternating re-quantization (docs/NUMERICS.md step 6) between its half-steps:
/// the original vector r0, every unit's code pattern (bit i = code i is +1) and the ka
/// coefficients. Integer Cramer's rule with the adjugate keeps the refit exact: no division
/// happens before the final rounded one per coefficient.
/// </summary>
internal sealed class AlternatingRefit
{
    private readonly long[] _original;
    private readonly int[] _patterns;
    private readonly long[] _coefficients;
    private readonly AcceleratorSpec _spec;
    private readonly RefitWidths _widths;
    private readonly int _levelShift;

    public AlternatingRefit(long[] original, CodedVector greedy, AcceleratorSpec spec, RefitWidths widths)
    {
        _original = original;
        _spec = spec;
        _widths = widths;
        _levelShift = Math.Max(spec.Hidden.Fraction, spec.ActivationCoefficient.Fraction) - spec.ActivationCoefficient.Fraction;
        _coefficients = (long[])greedy.Coefficients.Clone();
        _patterns = new int[original.Length];
        for (int k = 0; k < original.Length; k++)
            for (int i = 0; i < greedy.Codes; i++)
                if (greedy.Bit(i, k)) _patterns[k] |= 1 << i;
    }

    private int Codes => _coefficients.Length;

    /// <summary>
    /// G[i] = sat(rdiv(|N[i]|, det * 2^(F*-FG))) with det = det(B^T B) and N = adj(B^T B) B^T r0;
    /// unchanged when det = 0 (linearly dependent codes). The sign is dropped: the levels
    /// sum_i +-G[i] do not depend on it, and the codes are re-derived next.
    /// </summary>
    public void RefitCoefficients()
    {
        int ka = Codes, n = _original.Length;
        var gram = new long[ka, ka];
        var correlation = new long[ka];
        for (int k = 0; k < n; k++)
        {
            for (int i = 0; i < ka; i++)
            {
                bool bi = ((_patterns[k] >> i) & 1) != 0;
                correlation[i] = Check(correlation[i] + (bi ? _original[k] : -_original[k]), _widths.Correlation, "correlation");
                for (int j = 0; j < ka; j++) gram[i, j] += bi == (((_patterns[k] >> j) & 1) != 0) ? 1 : -1;
            }
        }
        var adjugate = Adjugate(gram, ka);
        long determinant = 0;
        for (int r = 0; r < ka; r++) determinant = Check(determinant + gram[0, r] * adjugate[r, 0], _widths.Determinant, "Gram determinant");
        var numerators = new long[ka];
        for (int i = 0; i < ka; i++)
            for (int r = 0; r < ka; r++)
                numerators[i] = Check(numerators[i] + adjugate[i, r] * correlation[r], _widths.CramerNumerator, "Cramer numerator");
        if (determinant == 0) return;
        long divisor = determinant << _levelShift;
        for (int i = 0; i < ka; i++)
        {
            long magnitude = Math.Abs(numerators[i]);
            Check(2 * magnitude + divisor, _widths.DivideNumerator, "refit rounded-division numerator");
            _coefficients[i] = FixedPoint.Saturate(FixedPoint.RoundedDivide(magnitude, divisor), _spec.ActivationCoefficient);
        }
    }

    /// <summary>
    /// Every unit takes the pattern of level t = #{s : 2 r0 &gt; (L[s] + L[s+1]) * 2^(F*-FG)} of
    /// the levels sorted by (value, pattern): the binary search tree's descent, going right when
    /// above the midpoint, so a tie takes the lower level.
    /// </summary>
    public void RederiveCodes()
    {
        int levels = 1 << Codes;
        var sorted = Enumerable.Range(0, levels)
            .Select(p => (Level: Check(Level(p), _widths.Level, "level"), Pattern: p))
            .OrderBy(l => l.Level).ThenBy(l => l.Pattern).ToArray();
        var midpoints = new long[levels - 1];
        for (int s = 0; s < levels - 1; s++)
            midpoints[s] = Check((sorted[s].Level + sorted[s + 1].Level) << _levelShift, _widths.Comparison, "midpoint");
        for (int k = 0; k < _original.Length; k++)
        {
            long twice = Check(2 * _original[k], _widths.Comparison, "doubled original");
            _patterns[k] = sorted[midpoints.Count(m => twice > m)].Pattern;
        }
    }

    public CodedVector ToCodedVector()
    {
        int n = _original.Length, words = CodedVector.WordsFor(n);
        var planes = new ulong[Codes * words];
        for (int k = 0; k < n; k++)
            for (int i = 0; i < Codes; i++)
                if (((_patterns[k] >> i) & 1) != 0) planes[i * words + (k >> 6)] |= 1UL << (k & 63);
        return new CodedVector(n, planes, (long[])_coefficients.Clone());
    }

    private long Level(int pattern)
    {
        long sum = 0;
        for (int i = 0; i < Codes; i++) sum += ((pattern >> i) & 1) != 0 ? _coefficients[i] : -_coefficients[i];
        return sum;
    }

    /// <summary>adj(Q) of a symmetric ka x ka Gram matrix, ka &lt;= 3, checked against its width.</summary>
    private long[,] Adjugate(long[,] q, int ka)
    {
        var a = new long[ka, ka];
        switch (ka)
        {
            case 1:
                a[0, 0] = 1;
                break;
            case 2:
                a[0, 0] = q[1, 1];
                a[1, 1] = q[0, 0];
                a[0, 1] = a[1, 0] = -q[0, 1];
                break;
            case 3:
                for (int i = 0; i < 3; i++)
                    for (int j = 0; j < 3; j++)
                    {
                        // Cofactor of (j, i), which for a symmetric matrix equals that of (i, j).
                        int r0 = (j + 1) % 3, r1 = (j + 2) % 3, c0 = (i + 1) % 3, c1 = (i + 2) % 3;
                        a[i, j] = Check(q[r0, c0] * q[r1, c1] - q[r0, c1] * q[r1, c0], _widths.Adjugate, "adjugate entry");
                    }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(ka), $"alternating re-quantization on chip takes at most 3 codes, not {ka}");
        }
        return a;
    }

    private static long Check(long value, int width, string what) => HiddenRequantizer.Check(value, width, what);
}
