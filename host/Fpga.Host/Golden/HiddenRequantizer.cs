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

    private static long Check(long value, int width, string what) =>
        DerivedWidths.Fits(value, width) ? value : throw new ContractViolationException($"{what} {value} does not fit its {width}-bit width");
}
