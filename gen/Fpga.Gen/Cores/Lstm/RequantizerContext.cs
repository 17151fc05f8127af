using Fpga.Gen.Hdl;
using Fpga.Gen.Spec;

namespace Fpga.Gen.Cores.Lstm;

/// <summary>
/// What the parts of the re-quantizer share: the ports, the state register, the unit counters,
/// the coefficient registers and the output register. A register has one next value, so the
/// parts add their transitions and writes here and <see cref="Finish"/> drives each once.
/// </summary>
internal sealed class RequantizerContext
{
    public const int Load = 0, Coefficient = 1, Pass = 2, UnitPass = 3, Solve = 4, Divide = 5, Sort = 6, Emit = 7;

    private readonly List<(Expr When, int Target)> _transitions = [];
    private readonly List<Expr> _unitAdvances = [];
    private readonly List<(Expr When, Expr Data, Expr Last)> _outputs = [];
    private readonly List<(Expr When, Expr Value)>[] _coefficientWrites;

    public RequantizerContext(ModuleBuilder m, AcceleratorSpec spec, DerivedWidths widths, int simd)
    {
        M = m;
        Spec = spec;
        Widths = widths;
        Simd = simd;
        Fine = Math.Max(spec.Hidden.Fraction, spec.ActivationCoefficient.Fraction);
        LevelShift = Fine - spec.ActivationCoefficient.Fraction;
        Words = (spec.HiddenSize + simd - 1) / simd;
        int wg = spec.ActivationCoefficient.Width;

        SValid = m.Input("s_axis_tvalid", 1);
        SReady = m.Output("s_axis_tready", 1);
        SData = m.Input("s_axis_tdata", HdlType.SInt(spec.Hidden.Width));
        MValid = m.Output("m_axis_tvalid", 1);
        MReady = m.Input("m_axis_tready", 1);
        MData = m.Output("m_axis_tdata", wg + simd);
        m.Describe(MData, "{G[j], code word}");
        MLast = m.Output("m_axis_tlast", 1);
        Idle = m.Output("idle", 1);

        State = m.Register("state_q", 3, resetValue: Load);
        Unit = m.Register("unit_q", BitWidth.Log2Ceiling(Math.Max(2, spec.HiddenSize)), resetValue: 0);
        Lane = m.Register("lane_q", BitWidth.ForUnsigned(Math.Max(simd - 1, 1)), resetValue: 0);
        Line = m.Register("line_q", BitWidth.Log2Ceiling(Math.Max(2, Words)), resetValue: 0);
        LastUnit = m.Define("last_unit", Unit.Eq(spec.HiddenSize - 1));
        LineEnd = m.Define("line_end", (simd == 1 ? Expr.True : Lane.Eq(simd - 1)) | LastUnit);

        OutValid = m.Register("out_valid_q", 1, resetValue: 0);
        OutFree = m.Define("out_free", ~OutValid | MReady);

        // Greedy alone keeps no coefficient set: each pass holds its own (pass_coefficient_q).
        int kept = spec.Requantization == HiddenRequantization.Greedy ? 0 : spec.ActivationCodes;
        Coefficients = Enumerable.Range(0, kept).Select(j => m.Register($"g{j}_q", HdlType.SInt(wg))).ToArray();
        _coefficientWrites = Coefficients.Select(_ => new List<(Expr, Expr)>()).ToArray();
    }

    public ModuleBuilder M { get; }
    public AcceleratorSpec Spec { get; }
    public DerivedWidths Widths { get; }
    public int Simd { get; }
    public int Words { get; }
    /// <summary>F* = max(FH, FG), the residuals' fraction.</summary>
    public int Fine { get; }
    /// <summary>F* - FG: a coefficient shifted left by this is a level at the residuals' fraction.</summary>
    public int LevelShift { get; }
    public int ResidualWidth => Widths.Residual;
    public int Codes => Spec.ActivationCodes;
    public bool Alternating => Spec.Requantization == HiddenRequantization.Alternating;

    public Signal SValid { get; }
    public Signal SReady { get; }
    public Signal SData { get; }
    public Signal MValid { get; }
    public Signal MReady { get; }
    public Signal MData { get; }
    public Signal MLast { get; }
    public Signal Idle { get; }
    public Signal State { get; }
    /// <summary>The unit being accepted (load) or read (a unit pass), with its lane and line.</summary>
    public Signal Unit { get; }
    public Signal Lane { get; }
    public Signal Line { get; }
    public Signal LastUnit { get; }
    /// <summary>The unit is the last of its line: the last lane, or the last unit of all.</summary>
    public Signal LineEnd { get; }
    public Signal OutValid { get; }
    /// <summary>The output register can take a word this cycle.</summary>
    public Signal OutFree { get; }
    /// <summary>G[j], the coefficients of the vector in flight (for static, the host's).</summary>
    public IReadOnlyList<Signal> Coefficients { get; }

    /// <summary>
    /// The load's line register: the SIMD values of the line being loaded as residuals (lane 0
    /// least significant), valid when a line's last unit is accepted; alternating keeps a copy.
    /// </summary>
    public Expr? LoadLine { get; set; }

    /// <summary>Alternating only: the greedy passes' words (pass step, line, code, word), which go to the plane memories instead of out.</summary>
    public (Expr Step, Expr Line, Expr Code, Expr Word)? GreedyWords { get; set; }

    public Expr In(int state) => State.Eq(state);

    public void GoTo(Expr when, int target) => _transitions.Add((when, target));

    /// <summary>Unit, lane and line move to the next unit when this holds.</summary>
    public void AdvanceUnit(Expr when) => _unitAdvances.Add(when);

    public void Output(Expr when, Expr data, Expr last) => _outputs.Add((when, data, last));

    public void WriteCoefficient(int code, Expr when, Expr value) => _coefficientWrites[code].Add((when, value));

    /// <summary>items[index] for a small index, as a chain of multiplexers.</summary>
    public static Expr Select(Expr index, IReadOnlyList<Expr> items)
    {
        var result = items[^1];
        for (int i = items.Count - 2; i >= 0; i--) result = Expr.Mux(index.Eq(i), items[i], result);
        return result;
    }

    /// <summary>
    /// Resize, but a constant becomes a constant of the new width: Verilog cannot select the
    /// sign bit of a literal, which the sign extension of a resized constant would need.
    /// </summary>
    public static Expr Widen(Expr value, int width) =>
        value is ConstExpr constant ? Expr.Const(constant.Value, new HdlType(width, constant.Signed)) : value.Resize(width);

    /// <summary>A balanced sum of same-typed terms.</summary>
    public static Expr Sum(IReadOnlyList<Expr> terms)
    {
        var level = terms.ToList();
        while (level.Count > 1)
        {
            var next = new List<Expr>();
            for (int i = 0; i + 1 < level.Count; i += 2) next.Add(level[i] + level[i + 1]);
            if (level.Count % 2 == 1) next.Add(level[^1]);
            level = next;
        }
        return level[0];
    }

    public void Finish()
    {
        var m = M;
        Expr next = State;
        foreach (var (when, target) in Enumerable.Reverse(_transitions)) next = Expr.Mux(when, Expr.Const(target, 3), next);
        m.Next(State, next);

        var advance = _unitAdvances.Aggregate((a, b) => a | b);
        m.Next(Unit, Expr.Mux(LastUnit, Expr.Zero(Unit.Type), Unit + 1), enable: advance);
        m.Next(Lane, Simd == 1 ? Lane : Expr.Mux(LineEnd, Expr.Zero(Lane.Type), Lane + 1), enable: advance);
        m.Next(Line, Words == 1 ? Line : Expr.Mux(LastUnit, Expr.Zero(Line.Type), Expr.Mux(LineEnd, Line + 1, Line)), enable: advance);

        var load = _outputs.Select(o => o.When).Aggregate((a, b) => a | b);
        Expr data = _outputs[^1].Data, last = _outputs[^1].Last;
        for (int i = _outputs.Count - 2; i >= 0; i--)
        {
            data = Expr.Mux(_outputs[i].When, _outputs[i].Data, data);
            last = Expr.Mux(_outputs[i].When, _outputs[i].Last, last);
        }
        var outData = m.Registered("out_data_q", data, enable: load);
        var outLast = m.Registered("out_last_q", last, enable: load);
        m.Next(OutValid, Expr.Mux(load, Expr.True, Expr.Mux(MReady, Expr.False, OutValid)));
        m.Assign(MValid, OutValid);
        m.Assign(MData, outData);
        m.Assign(MLast, outLast);
        m.Assign(Idle, In(Load) & ~OutValid);

        for (int j = 0; j < Coefficients.Count; j++)
        {
            var writes = _coefficientWrites[j];
            if (writes.Count == 0) throw new InvalidOperationException($"coefficient {j} has no writer");
            Expr value = writes[^1].Value;
            for (int i = writes.Count - 2; i >= 0; i--) value = Expr.Mux(writes[i].When, writes[i].Value, value);
            m.Next(Coefficients[j], value, enable: writes.Select(w => w.When).Aggregate((a, b) => a | b));
        }
    }
}
