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

    public long EvaluateSigmoid(long x, int inputFraction) => Evaluate(Sigmoid, x, inputFraction).Value;
    public long EvaluateTanh(long x, int inputFraction) => Evaluate(Tanh, x, inputFraction).Value;

    /// <summary>
    /// <paramref name="table"/> (<see cref="Sigmoid"/> or <see cref="Tanh"/>) at an input with the
    /// given fraction, with its intermediate values. Piecewise linear: u = x + 2^(R+F) clamped to
    /// [0, 2^(T+s)], k = min(u &gt;&gt; s, 2^T - 1), d = u - k 2^s, E[k] + rshr((E[k+1] - E[k]) d, s).
    /// The clamped ends land on breakpoints 0 and 2^T exactly (d = 0 and d = 2^s), so one
    /// multiply-add serves the whole input range with no special case.
    /// </summary>
    public TableEvaluation Evaluate(IReadOnlyList<long> table, long x, int inputFraction)
    {
        if (!ReferenceEquals(table, Sigmoid) && !ReferenceEquals(table, Tanh))
            throw new ArgumentException("evaluates this object's own sigmoid or tanh table", nameof(table));
        int s = IndexShift(inputFraction);
        if (s < 0) throw new ArgumentOutOfRangeException(nameof(inputFraction), "the table is finer than the input");
        long bins = 1L << TableBits;
        if (Kind == NonlinearityKind.Table)
        {
            int bin = (int)(Math.Clamp(x >> s, -bins / 2, bins / 2 - 1) + bins / 2);
            return new TableEvaluation(bin, 0, table[bin], 0, 0, table[bin]);
        }
        long u = Math.Clamp(x + (1L << (RangeLog2 + inputFraction)), 0, bins << s);
        int k = (int)Math.Min(u >> s, bins - 1);
        long d = u - ((long)k << s);
        long slope = table[k + 1] - table[k];
        long product = slope * d;
        return new TableEvaluation(k, d, table[k], slope, product, table[k] + FixedPoint.RoundShiftRight(product, s));
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
