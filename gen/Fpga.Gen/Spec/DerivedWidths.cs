using System.Numerics;

namespace Fpga.Gen.Spec;

/// <summary>
/// The datapath widths the numeric contract (docs/NUMERICS.md, "Derived widths") needs so that
/// no intermediate value can overflow. Every width is that of a signed two's complement value
/// holding [-M, M] for the bound M stated on the property; the RTL sizes its registers from
/// these and the golden model asserts every value it computes fits.
/// </summary>
public sealed class DerivedWidths
{
    private DerivedWidths(AcceleratorSpec spec)
    {
        var product = BigInteger.One << (spec.WeightCoefficient.Width + spec.ActivationCoefficient.Width - 2);
        CoefficientProduct = SignedBits(product);
        int codePairs = spec.WeightCodes * spec.ActivationCodes;
        Layers = Enumerable.Range(0, spec.Layers).Select(l =>
        {
            int inputs = spec.LayerInputSize(l);
            return new LayerWidths(
                PopcountInput: SignedBits(inputs),
                PopcountHidden: SignedBits(spec.HiddenSize),
                TermInput: SignedBits(product * inputs),
                TermHidden: SignedBits(product * spec.HiddenSize),
                Accumulator: SignedBits(product * codePairs * (inputs + spec.HiddenSize)));
        }).ToArray();
        DenseAccumulator = spec.DenseOutputs == 0 ? 0 : SignedBits(product * codePairs * spec.HiddenSize);

        int accumulatorShift = spec.WeightCoefficient.Fraction + spec.ActivationCoefficient.Fraction - spec.Gate.Fraction;
        var widestAccumulator = product * codePairs * (Enumerable.Range(0, spec.Layers).Max(spec.LayerInputSize) + spec.HiddenSize);
        PreActivationSum = SignedBits(ShiftBound(widestAccumulator, accumulatorShift) + (BigInteger.One << (spec.Gate.Width - 1)));
        var gateOutput = BigInteger.One << (spec.Hidden.Width - 1);
        var cellValue = BigInteger.One << (spec.Cell.Width - 1);
        CellSum = SignedBits(ShiftBound(gateOutput * cellValue, spec.Hidden.Fraction)
            + ShiftBound(gateOutput * gateOutput, 2 * spec.Hidden.Fraction - spec.Cell.Fraction));

        int fine = Math.Max(spec.Hidden.Fraction, spec.ActivationCoefficient.Fraction);
        var hiddenBound = BigInteger.One << (spec.Hidden.Width - 1 + fine - spec.Hidden.Fraction);
        var levelBound = (BigInteger)spec.ActivationCoefficient.Max << (fine - spec.ActivationCoefficient.Fraction);
        var residual = BigInteger.Max(hiddenBound, levelBound);
        Residual = SignedBits(residual);
        ResidualSum = SignedBits(residual * spec.HiddenSize);
        var divisor = (BigInteger)spec.HiddenSize << (fine - spec.ActivationCoefficient.Fraction);
        RoundedDivideNumerator = SignedBits(2 * residual * spec.HiddenSize + divisor);

        if (spec.Nonlinearity == NonlinearityKind.PiecewiseLinear)
        {
            // Breakpoints 2^(R+1-T) apart of functions with slope at most 1, each rounded by at
            // most half a step of 2^-FH: |E[k+1] - E[k]| <= 2^(R+1-T+FH) + 1, an integer.
            int spacing = spec.NonlinearityInputRangeLog2 + 1 - spec.NonlinearityTableBits + spec.Hidden.Fraction;
            var step = (spacing >= 0 ? BigInteger.One << spacing : BigInteger.Zero) + 1;
            BreakpointStep = SignedBits(step);
            int offsetShift = spec.NonlinearityInputRangeLog2 + 1 - spec.NonlinearityTableBits + Math.Max(spec.Gate.Fraction, spec.Cell.Fraction);
            InterpolationProduct = SignedBits(step << offsetShift);
        }
        if (spec.Requantization == HiddenRequantization.Alternating) Refit = new RefitWidths(spec, hiddenBound, fine - spec.ActivationCoefficient.Fraction);
    }

    public static DerivedWidths For(AcceleratorSpec spec) => new(spec.Validate());

    /// <summary>A * G: |A * G| &lt;= 2^(WA-1) * 2^(WG-1).</summary>
    public int CoefficientProduct { get; }

    /// <summary>Per LSTM layer: popcount terms, products and the accumulator of step 1.</summary>
    public IReadOnlyList<LayerWidths> Layers { get; }

    /// <summary>The dense layer's accumulator: kw * ka * 2^(WA+WG-2) * H; 0 without a dense layer.</summary>
    public int DenseAccumulator { get; }

    /// <summary>
    /// rshr(Acc, FA + FG - FZ) + Bias before the gate saturation, for the widest layer's
    /// accumulator bound M: (M &gt;&gt; s) + 1 for a right shift s &gt; 0 (M * 2^-s otherwise) plus 2^(WZ-1).
    /// </summary>
    public int PreActivationSum { get; }

    /// <summary>
    /// rshr(f * c, FH) + rshr(i * g, 2 FH - FC) before the cell saturation, with |f|, |i|, |g| &lt;= 2^(WH-1)
    /// and |c| &lt;= 2^(WC-1), each shifted bound as for <see cref="PreActivationSum"/>.
    /// </summary>
    public int CellSum { get; }

    /// <summary>
    /// A residual of step 6 at fraction F* = max(FH, FG): max(2^(WH-1) * 2^(F*-FH), max_G * 2^(F*-FG)).
    /// Subtracting a level G &gt;= 0 in the direction of the residual's sign never grows
    /// |r| past the larger of |r| and G, so the bound holds for every code.
    /// </summary>
    public int Residual { get; }

    /// <summary>The greedy sum S = sum_k |r[k]|: H times the residual bound.</summary>
    public int ResidualSum { get; }

    /// <summary>2 * S + D of the rounded division, D = H * 2^(F*-FG).</summary>
    public int RoundedDivideNumerator { get; }

    /// <summary>
    /// Piecewise linear only (0 for a lookup table): the slope E[k+1] - E[k] of a segment,
    /// |E[k+1] - E[k]| &lt;= floor(2^(R+1-T+FH)) + 1 (sigmoid and tanh have slopes of at most 1,
    /// and each breakpoint is rounded by at most half a step).
    /// </summary>
    public int BreakpointStep { get; }

    /// <summary>
    /// Piecewise linear only (0 for a lookup table): (E[k+1] - E[k]) * d with 0 &lt;= d &lt;= 2^s,
    /// s = R+1-T+F for the finer of the gate and cell fractions: the slope bound times 2^s.
    /// The interpolated value itself lies between E[k] and E[k+1], so it needs no width of its own.
    /// </summary>
    public int InterpolationProduct { get; }

    /// <summary>The least-squares refits of alternating re-quantization; null for the other modes.</summary>
    public RefitWidths? Refit { get; }

    /// <summary>The widest value of all; the golden model computes in 64-bit integers.</summary>
    public int Widest => new[] { CoefficientProduct, DenseAccumulator, PreActivationSum, CellSum, Residual, ResidualSum, RoundedDivideNumerator, InterpolationProduct }
        .Concat(Layers.Select(l => l.Accumulator)).Concat(Refit?.All ?? []).Max();

    /// <summary>The bits of a signed value holding every integer of [-magnitude, magnitude].</summary>
    public static int SignedBits(BigInteger magnitude)
    {
        if (magnitude.Sign < 0) throw new ArgumentOutOfRangeException(nameof(magnitude), "a bound is not negative");
        return magnitude.IsZero ? 1 : (int)magnitude.GetBitLength() + 1;
    }

    /// <summary>A bound on |rshr(x, s)| for |x| &lt;= bound: rounding adds at most 1 after a right shift.</summary>
    private static BigInteger ShiftBound(BigInteger bound, int shift) => shift > 0 ? (bound >> shift) + 1 : bound << -shift;

    /// <summary>Whether a value fits a signed two's complement width.</summary>
    public static bool Fits(long value, int width) =>
        width >= 64 || (value >= -(1L << (width - 1)) && value <= (1L << (width - 1)) - 1);
}

/// <summary>
/// Widths of one LSTM layer's matrix-vector product over n_x input and H hidden columns.
/// </summary>
/// <param name="PopcountInput">P over the n_x input columns: |P| &lt;= n_x.</param>
/// <param name="PopcountHidden">P over the H hidden columns: |P| &lt;= H.</param>
/// <param name="TermInput">One A * G * P term over the input: 2^(WA+WG-2) * n_x.</param>
/// <param name="TermHidden">One A * G * P term over the hidden state: 2^(WA+WG-2) * H.</param>
/// <param name="Accumulator">Acc[r], and every partial sum of it: kw * ka * 2^(WA+WG-2) * (n_x + H).</param>
public sealed record LayerWidths(int PopcountInput, int PopcountHidden, int TermInput, int TermHidden, int Accumulator);
