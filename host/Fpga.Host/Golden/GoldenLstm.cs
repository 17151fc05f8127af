using Fpga.Gen.Spec;
using Fpga.Host.Diagnostics;

namespace Fpga.Host.Golden;

/// <summary>
/// The golden model: the accelerator's integer arithmetic, exactly as docs/NUMERICS.md steps
/// 1 to 7 state it, over stacked layers. The RTL must agree with it bit for bit. Every value is
/// checked against the width <see cref="DerivedWidths"/> gives it; leaving it throws
/// <see cref="ContractViolationException"/>.
/// </summary>
public sealed class GoldenLstm
{
    private readonly NonlinearityTables _tables;

    public GoldenLstm(ModelImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        Image = image;
        Widths = DerivedWidths.For(image.Spec);
        if (Widths.Widest > 64)
            throw new FpgaException($"the spec needs {Widths.Widest}-bit intermediate values; the golden model computes in 64 bits: narrow the coefficient formats");
        _tables = NonlinearityTables.For(image.Spec);
    }

    public ModelImage Image { get; }
    public AcceleratorSpec Spec => Image.Spec;
    public DerivedWidths Widths { get; }

    /// <summary>Runs each sequence from reset-state (c = 0, G_h = 0); each needs at least one step.</summary>
    public IReadOnlyList<GoldenOutput> Run(IReadOnlyList<IReadOnlyList<CodedVector>> sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        return sequences.Select(s => RunSequence(s)).ToArray();
    }

    /// <summary>One sequence from reset-state; <paramref name="trace"/>, when given, receives every step.</summary>
    public GoldenOutput RunSequence(IReadOnlyList<CodedVector> steps, ICollection<GoldenStepTrace>? trace = null)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Count == 0) throw new FpgaException("a sequence needs at least one step");
        var spec = Spec;
        int h = spec.HiddenSize;
        var cells = new long[spec.Layers][];
        var states = new CodedVector[spec.Layers];
        for (int l = 0; l < spec.Layers; l++)
        {
            cells[l] = new long[h];
            states[l] = CodedVector.Zero(h, spec.ActivationCodes);
        }

        var outputs = new List<long[]>();
        for (int t = 0; t < steps.Count; t++)
        {
            var input = steps[t];
            CheckInput(input, t);
            var layerTraces = new LayerStepTrace[spec.Layers];
            var x = input;
            for (int l = 0; l < spec.Layers; l++)
            {
                layerTraces[l] = Step(l, x, states[l], cells[l]);
                states[l] = layerTraces[l].Requantized;
                x = states[l];
            }
            long[]? denseAcc = null, logits = null;
            if (spec.Output == OutputMode.HiddenEveryStep)
            {
                outputs.Add(layerTraces[^1].Hidden);
            }
            else if (t == steps.Count - 1)
            {
                (denseAcc, logits) = Dense(states[^1]);
                outputs.Add(logits);
            }
            trace?.Add(new GoldenStepTrace(t, input, layerTraces, denseAcc, logits));
        }
        return new GoldenOutput(spec.Output, outputs);
    }

    private void CheckInput(CodedVector input, int step)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Columns != Spec.InputSize || input.Codes != Spec.ActivationCodes)
            throw new FpgaException($"step {step} input has {input.Columns} columns and {input.Codes} codes but the accelerator takes {Spec.InputSize} and {Spec.ActivationCodes}");
        foreach (long g in input.Coefficients)
        {
            if (g < Spec.ActivationCoefficient.Min || g > Spec.ActivationCoefficient.Max)
                throw new FpgaException($"step {step} input coefficient {g} is outside the {Spec.ActivationCoefficient} range");
        }
    }

    /// <summary>Steps 1 to 6 for layer <paramref name="l"/>; updates <paramref name="cell"/> in place.</summary>
    private LayerStepTrace Step(int l, CodedVector x, CodedVector hiddenCodes, long[] cell)
    {
        var spec = Spec;
        var layer = Image.Layers[l];
        var widths = Widths.Layers[l];
        int h = spec.HiddenSize;
        int accShift = spec.WeightCoefficient.Fraction + spec.ActivationCoefficient.Fraction - spec.Gate.Fraction;

        var acc = new long[spec.GateRows];
        var z = new long[spec.GateRows];
        for (int r = 0; r < spec.GateRows; r++)
        {
            long sum = 0;
            sum = Accumulate(sum, layer.InputWeights, r, x, widths.TermInput, widths.Accumulator);
            sum = Accumulate(sum, layer.HiddenWeights, r, hiddenCodes, widths.TermHidden, widths.Accumulator);
            acc[r] = sum;
            z[r] = FixedPoint.Saturate(PreActivationSum(sum, accShift, layer.Bias[r], r), spec.Gate);
        }

        int fz = spec.Gate.Fraction, fc = spec.Cell.Fraction, fh = spec.Hidden.Fraction;
        var i = new long[h];
        var f = new long[h];
        var g = new long[h];
        var o = new long[h];
        var hidden = new long[h];
        for (int k = 0; k < h; k++)
        {
            i[k] = Nonlinearity(_tables.Sigmoid, z[k], fz, k);
            f[k] = Nonlinearity(_tables.Sigmoid, z[h + k], fz, k);
            g[k] = Nonlinearity(_tables.Tanh, z[2 * h + k], fz, k);
            o[k] = Nonlinearity(_tables.Sigmoid, z[3 * h + k], fz, k);
            long cellSum = FixedPoint.RoundShiftRight(f[k] * cell[k], fh) + FixedPoint.RoundShiftRight(i[k] * g[k], 2 * fh - fc);
            if (!DerivedWidths.Fits(cellSum, Widths.CellSum))
                throw new ContractViolationException($"the cell sum {cellSum} of unit {k} does not fit its {Widths.CellSum}-bit width");
            cell[k] = FixedPoint.Saturate(cellSum, spec.Cell);
            hidden[k] = FixedPoint.Saturate(FixedPoint.RoundShiftRight(o[k] * Nonlinearity(_tables.Tanh, cell[k], fc, k), fh), spec.Hidden);
        }

        var requantized = HiddenRequantizer.For(hidden, spec, Widths, layer.StaticCoefficients);
        return new LayerStepTrace(acc, z, i, f, g, o, (long[])cell.Clone(), hidden, requantized);
    }

    /// <summary>Step 3 (and tanh of step 5); a piecewise-linear segment's slope and product are held to their widths.</summary>
    private long Nonlinearity(IReadOnlyList<long> table, long x, int inputFraction, int unit)
    {
        var e = _tables.Evaluate(table, x, inputFraction);
        if (_tables.Kind == NonlinearityKind.PiecewiseLinear)
        {
            if (!DerivedWidths.Fits(e.Slope, Widths.BreakpointStep))
                throw new ContractViolationException($"the breakpoint step {e.Slope} at segment {e.Index} (unit {unit}) does not fit its {Widths.BreakpointStep}-bit width");
            if (!DerivedWidths.Fits(e.Product, Widths.InterpolationProduct))
                throw new ContractViolationException($"the interpolation product {e.Product} of unit {unit} does not fit its {Widths.InterpolationProduct}-bit width");
        }
        return e.Value;
    }

    /// <summary>Step 7's dense product over the last layer's re-quantized h.</summary>
    private (long[] Accumulators, long[] Logits) Dense(CodedVector hiddenCodes)
    {
        var spec = Spec;
        var dense = Image.Dense!;
        int accShift = spec.WeightCoefficient.Fraction + spec.ActivationCoefficient.Fraction - spec.Gate.Fraction;
        var acc = new long[spec.DenseOutputs];
        var logits = new long[spec.DenseOutputs];
        for (int r = 0; r < spec.DenseOutputs; r++)
        {
            acc[r] = Accumulate(0, dense.Weights, r, hiddenCodes, Widths.DenseAccumulator, Widths.DenseAccumulator);
            logits[r] = FixedPoint.Saturate(PreActivationSum(acc[r], accShift, dense.Bias[r], r), spec.Gate);
        }
        return (acc, logits);
    }

    /// <summary>Step 2 (and 7) before saturation: rshr(Acc, FA + FG - FZ) + Bias.</summary>
    private long PreActivationSum(long acc, int shift, long bias, int row)
    {
        long sum = checked(FixedPoint.RoundShiftRight(acc, shift) + bias);
        return DerivedWidths.Fits(sum, Widths.PreActivationSum)
            ? sum
            : throw new ContractViolationException($"the pre-activation sum {sum} of row {row} does not fit its {Widths.PreActivationSum}-bit width");
    }

    /// <summary>sum_i sum_j A[r][i] * G[j] * P(B[r][i], C[j], n), added to <paramref name="sum"/> term by term.</summary>
    private static long Accumulate(long sum, ImageMatrix weights, int row, CodedVector codes, int termWidth, int accumulatorWidth)
    {
        for (int i = 0; i < weights.Codes; i++)
        {
            long a = weights.Coefficient(row, i);
            var plane = weights.Plane(row, i);
            for (int j = 0; j < codes.Codes; j++)
            {
                long term = checked(a * codes.Coefficients[j] * XnorPopcount.Dot(plane, codes.Plane(j), weights.Cols));
                if (!DerivedWidths.Fits(term, termWidth))
                    throw new ContractViolationException($"a product term {term} of row {row} does not fit its {termWidth}-bit width");
                sum = checked(sum + term);
                if (!DerivedWidths.Fits(sum, accumulatorWidth))
                    throw new ContractViolationException($"the accumulator {sum} of row {row} does not fit its {accumulatorWidth}-bit width");
            }
        }
        return sum;
    }
}
