using Fpga.Gen.Spec;

namespace Fpga.Host.Golden;

/// <summary>Step 6 of docs/NUMERICS.md: the hidden state (Hidden integers) to ka codes and coefficients.</summary>
public static class HiddenRequantizer
{
    /// <summary>Greedy: each code's coefficient is the mean absolute residual rounded half up, its bits the residual's signs.</summary>
    public static CodedVector Greedy(ReadOnlySpan<long> hidden, AcceleratorSpec spec, DerivedWidths widths) =>
        Requantize(hidden, spec, widths, null);

    /// <summary>Static: the residual's signs against the image's fixed coefficients.</summary>
    public static CodedVector Static(ReadOnlySpan<long> hidden, IReadOnlyList<long> coefficients, AcceleratorSpec spec, DerivedWidths widths)
    {
        ArgumentNullException.ThrowIfNull(coefficients);
        if (coefficients.Count != spec.ActivationCodes) throw new ArgumentException($"expected {spec.ActivationCodes} coefficients, got {coefficients.Count}", nameof(coefficients));
        return Requantize(hidden, spec, widths, coefficients);
    }

    /// <summary>
    /// Alternating: greedy, then <see cref="AcceleratorSpec.AlternatingCycles"/> times a
    /// least-squares refit of the coefficients and a re-derivation of every code by the binary
    /// search over the sorted levels (<see cref="AlternatingRefit"/>).
    /// </summary>
    public static CodedVector Alternating(ReadOnlySpan<long> hidden, AcceleratorSpec spec, DerivedWidths widths)
    {
        var refit = widths.Refit ?? throw new ArgumentException("the spec does not re-quantize alternating", nameof(widths));
        var greedy = Requantize(hidden, spec, widths, null);
        int fine = Math.Max(spec.Hidden.Fraction, spec.ActivationCoefficient.Fraction);
        var original = new long[hidden.Length];
        for (int k = 0; k < hidden.Length; k++) original[k] = Check(hidden[k] << (fine - spec.Hidden.Fraction), refit.Original, "original residual");
        var state = new AlternatingRefit(original, greedy, spec, refit);
        for (int cycle = 0; cycle < spec.AlternatingCycles; cycle++)
        {
            state.RefitCoefficients();
            state.RederiveCodes();
        }
        return state.ToCodedVector();
    }

    /// <summary>Step 6 in the mode the spec names; static takes the layer's image coefficients.</summary>
    public static CodedVector For(ReadOnlySpan<long> hidden, AcceleratorSpec spec, DerivedWidths widths, IReadOnlyList<long>? staticCoefficients) =>
        spec.Requantization switch
        {
            HiddenRequantization.Static => Static(hidden, staticCoefficients ?? throw new ArgumentNullException(nameof(staticCoefficients)), spec, widths),
            HiddenRequantization.Alternating => Alternating(hidden, spec, widths),
            _ => Greedy(hidden, spec, widths),
        };

    private static CodedVector Requantize(ReadOnlySpan<long> hidden, AcceleratorSpec spec, DerivedWidths widths, IReadOnlyList<long>? fixedCoefficients)
    {
        int n = hidden.Length;
        int ka = spec.ActivationCodes;
        int fine = Math.Max(spec.Hidden.Fraction, spec.ActivationCoefficient.Fraction);
        int levelShift = fine - spec.ActivationCoefficient.Fraction;
        var residual = new long[n];
        for (int k = 0; k < n; k++) residual[k] = Check(hidden[k] << (fine - spec.Hidden.Fraction), widths.Residual, "residual");

        int words = CodedVector.WordsFor(n);
        var planes = new ulong[ka * words];
        var coefficients = new long[ka];
        long divisor = (long)n << levelShift;
        for (int j = 0; j < ka; j++)
        {
            long g;
            if (fixedCoefficients is null)
            {
                long sum = 0;
                for (int k = 0; k < n; k++) sum = Check(sum + Math.Abs(residual[k]), widths.ResidualSum, "greedy residual sum");
                Check(2 * sum + divisor, widths.RoundedDivideNumerator, "greedy rounded-division numerator");
                g = FixedPoint.Saturate(FixedPoint.RoundedDivide(sum, divisor), spec.ActivationCoefficient);
            }
            else
            {
                g = fixedCoefficients[j];
            }
            coefficients[j] = g;
            long level = g << levelShift;
            for (int k = 0; k < n; k++)
            {
                bool positive = residual[k] >= 0;
                if (positive) planes[j * words + (k >> 6)] |= 1UL << (k & 63);
                residual[k] = Check(residual[k] - (positive ? level : -level), widths.Residual, "residual");
            }
        }
        return new CodedVector(n, planes, coefficients);
    }

    internal static long Check(long value, int width, string what) =>
        DerivedWidths.Fits(value, width) ? value : throw new ContractViolationException($"{what} {value} does not fit its {width}-bit width");
}
