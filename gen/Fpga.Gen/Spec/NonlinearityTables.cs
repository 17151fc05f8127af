namespace Fpga.Gen.Spec;

/// <summary>
/// Sigmoid and tanh as the accelerator computes them (docs/NUMERICS.md, "Table functions"):
/// computed once from the spec; the generator bakes these arrays into ROMs and the golden
/// model indexes the very same arrays.
/// </summary>
public sealed class NonlinearityTables
{
    private NonlinearityTables(AcceleratorSpec spec)
    {
        Kind = spec.Nonlinearity;
        RangeLog2 = spec.NonlinearityInputRangeLog2;
        TableBits = spec.NonlinearityTableBits;
        Output = spec.Hidden;
        Sigmoid = Build(x => 1.0 / (1.0 + Math.Exp(-x)));
        Tanh = Build(Math.Tanh);
    }

    public NonlinearityKind Kind { get; }
    public int RangeLog2 { get; }
    public int TableBits { get; }
    public FixedFormat Output { get; }

    /// <summary>Table: 2^T bin values, bin -2^(T-1) first. Piecewise linear: 2^T + 1 breakpoints.</summary>
    public IReadOnlyList<long> Sigmoid { get; }
    public IReadOnlyList<long> Tanh { get; }

    public static NonlinearityTables For(AcceleratorSpec spec) => new(spec);

    /// <summary>The shift from an input with the given fraction to a bin index.</summary>
    public int IndexShift(int inputFraction) => RangeLog2 + 1 - TableBits + inputFraction;

    public long EvaluateSigmoid(long x, int inputFraction) => Evaluate(Sigmoid, x, inputFraction);
    public long EvaluateTanh(long x, int inputFraction) => Evaluate(Tanh, x, inputFraction);

    private long Evaluate(IReadOnlyList<long> table, long x, int inputFraction)
    {
        int s = IndexShift(inputFraction);
        if (s < 0) throw new ArgumentOutOfRangeException(nameof(inputFraction), "the table is finer than the input");
        long half = 1L << (TableBits - 1);
        if (Kind == NonlinearityKind.Table)
        {
            long bin = Math.Clamp(x >> s, -half, half - 1);
            return table[(int)(bin + half)];
        }
        long u = x + (1L << (RangeLog2 + inputFraction));
        if (u < 0) return table[0];
        long k = u >> s;
        if (k >= 2 * half) return table[(int)(2 * half)];
        long d = u - (k << s);
        return table[(int)k] + FixedPoint.RoundShiftRight((table[(int)k + 1] - table[(int)k]) * d, s);
    }

    private IReadOnlyList<long> Build(Func<double, double> f)
    {
        int bins = 1 << TableBits;
        double step = Math.ScaleB(1.0, RangeLog2 + 1 - TableBits);
        double low = -Math.ScaleB(1.0, RangeLog2);
        return Kind == NonlinearityKind.Table
            ? Enumerable.Range(0, bins).Select(b => FixedPoint.Quantize(f(low + (b + 0.5) * step), Output)).ToArray()
            : Enumerable.Range(0, bins + 1).Select(k => FixedPoint.Quantize(f(low + k * step), Output)).ToArray();
    }
}
