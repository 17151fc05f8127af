using System.Numerics;
using Fpga.Gen.Hdl;
using Fpga.Gen.Ir;
using Fpga.Gen.Spec;

namespace Fpga.Gen.Cores.Lstm;

/// <summary>
/// Steps 2 to 5 of the numeric contract (docs/NUMERICS.md) for one hidden unit per beat:
/// bias and rounding shift into the gate format, sigmoid and tanh by lookup table or by
/// piecewise-linear interpolation (<see cref="TableFunctionRtl"/>), the saturating cell update
/// and h = o * tanh(c). Units arrive in order 0..H-1 every step; the cell state lives in a RAM
/// indexed by unit, and a beat with tuser set starts a sequence (c_prev = 0).
///
/// Input  s_axis: tdata = {acc_o, acc_g, acc_f, acc_i} (signed accumulators of the matrix-vector
///        unit), tuser = first step of a sequence.
/// Output m_axis: tdata = h in the Hidden format.
/// Biases: b_wr_* writes {b_o, b_g, b_f, b_i} in the Gate format for a unit.
/// Back-pressure stalls the pipeline through a registered enable (the output skid buffer).
///
/// Stages, with E = <see cref="TableFunctionRtl.Stages"/> (2 for tables, 3 interpolating):
/// 1 the beat; 2 .. 1+E the gates; 1+E the cell update (written back); 2+E .. 1+2E tanh(c);
/// then h into the output register.
/// </summary>
public sealed class LstmCellUnit
{
    private LstmCellUnit(AcceleratorSpec spec, int accumulatorWidth, ModuleIr module)
    {
        Spec = spec;
        AccumulatorWidth = accumulatorWidth;
        Module = module;
    }

    public AcceleratorSpec Spec { get; }
    public int AccumulatorWidth { get; }
    public ModuleIr Module { get; }

    /// <summary>Cycles from accepting a beat to offering its h (<see cref="LatencyOf"/>).</summary>
    public int Latency => LatencyOf(Spec);

    /// <summary>
    /// The beat register, two table functions in sequence (the gates, then tanh of the new cell
    /// state) and the output register: 6 cycles with lookup tables, 8 interpolating.
    /// </summary>
    public static int LatencyOf(AcceleratorSpec spec) => 2 + 2 * TableFunctionRtl.Stages(spec.Nonlinearity);

    /// <summary>The shift from the accumulator scale 2^-(FA+FG) to the gate format.</summary>
    public static int AccumulatorShift(AcceleratorSpec spec) => spec.WeightCoefficient.Fraction + spec.ActivationCoefficient.Fraction - spec.Gate.Fraction;

    public static LstmCellUnit Generate(AcceleratorSpec spec, int accumulatorWidth, DesignConventions? conventions = null)
    {
        spec.Validate();
        // A unit's new cell state is written three cycles after its old one is read: with
        // fewer than four units, back-to-back steps would read a stale state.
        if (spec.HiddenSize < 4) throw new SpecValidationException(nameof(AcceleratorSpec.HiddenSize), $"the cell unit needs at least 4 hidden units, not {spec.HiddenSize}");
        if (accumulatorWidth is < 2 or > 64) throw new SpecValidationException("accumulatorWidth", $"{accumulatorWidth} is outside 2..64");
        int h = spec.HiddenSize, wz = spec.Gate.Width, wc = spec.Cell.Width, wh = spec.Hidden.Width, fh = spec.Hidden.Fraction;
        var m = new ModuleBuilder($"lstm_cell_h{h}_a{accumulatorWidth}_{spec.Hash[..8]}", conventions ?? new DesignConventions(spec.Reset));
        string method = spec.Nonlinearity == NonlinearityKind.Table ? "tables" : "piecewise-linear tables";
        m.Comment($"LSTM cell unit for {h} hidden units: gates {spec.Gate}, cell {spec.Cell}, hidden {spec.Hidden}, {method} of 2^{spec.NonlinearityTableBits} over +-{1 << spec.NonlinearityInputRangeLog2}.");
        m.Comment("Implements steps 2 to 5 of docs/NUMERICS.md; spec " + spec.Hash[..16] + ".");

        var sValid = m.Input("s_axis_tvalid", 1);
        var sReady = m.Output("s_axis_tready", 1);
        var sData = m.Input("s_axis_tdata", 4 * accumulatorWidth);
        m.Describe(sData, "{acc_o, acc_g, acc_f, acc_i}");
        var sFirst = m.Input("s_axis_tuser", 1);
        m.Describe(sFirst, "first step of a sequence: the previous cell state is 0");
        int unitBits = BitWidth.Log2Ceiling(Math.Max(2, h));
        var bWrEn = m.Input("b_wr_en", 1);
        var bWrAddr = m.Input("b_wr_addr", unitBits);
        var bWrData = m.Input("b_wr_data", 4 * wz);
        m.Describe(bWrData, "{b_o, b_g, b_f, b_i}");
        var mValid = m.Output("m_axis_tvalid", 1);
        var mReady = m.Input("m_axis_tready", 1);
        var mData = m.Output("m_axis_tdata", HdlType.SInt(wh));

        var output = new OutputSkidBuffer(m);
        var advance = output.Advance;
        m.Assign(sReady, advance);
        var accept = m.Define("accept", sValid & advance);
        var functions = new TableFunctionRtl(m, spec, advance);
        int e = TableFunctionRtl.Stages(spec.Nonlinearity);
        int cellStage = 1 + e;
        // The cell state is read three stages before it is written back, as late as the
        // pipeline allows: the minimum of four units then holds whatever E is.
        int cellReadStage = cellStage - 3;

        // Stage 1: the beat, its unit's biases (and, with tables, its previous cell state).
        var unit = m.Register("unit_q", unitBits, resetValue: 0);
        var unitNext = m.Define("unit_next", Expr.Mux(accept, Expr.Mux(unit.Eq(h - 1), Expr.Zero(unit.Type), unit + 1), unit));
        m.Next(unit, unitNext);
        var biases = m.Memory("biases", 4 * wz, Math.Max(2, h)).WithStyle(MemoryPlacement.For(spec, 4 * wz, Math.Max(2, h)));
        biases.Write(bWrEn, bWrAddr, bWrData);
        // The memory reads the next beat's biases every cycle and a register takes them with the
        // beat: the bias then leaves a flip-flop, not the memory and its hold logic, on the way
        // to the pre-activation adder (the UP5K's longest path after the re-quantizer's).
        var biasAhead = biases.ReadRegistered("bias_ahead", unitNext);
        var biasS1 = m.Registered("bias_s1", biasAhead, enable: advance);
        var cells = m.Memory("cell_state", wc, Math.Max(2, h)).WithStyle(MemoryPlacement.For(spec, wc, Math.Max(2, h)));
        Signal? cellPrevRead = cellReadStage == 0 ? cells.ReadRegistered("cell_prev_s1", unit, advance) : null;
        var valid = new List<Signal> { sValid, m.Registered("valid_s1_q", sValid, enable: advance, resetValue: 0) };
        var accS1 = m.Registered("acc_s1", sData, enable: advance);
        var first = new List<Signal> { sFirst, m.Registered("first_s1", sFirst, enable: advance) };
        var units = new List<Signal> { unit, m.Registered("unit_s1", unit, enable: advance) };

        // Stage 2: pre-activations z = sat_Gate(rshr(acc, FA + FG - FZ) + bias), the rounding
        // half and the bias in one adder and the saturation from the sum's top bits. Only
        // their table addresses are registered: the tables read nothing finer. When the tables'
        // range lies strictly inside the Gate format, their own clamp gives every address that
        // sat_Gate would, so the sum goes to them unsaturated: one saturation, not two, on the
        // UP5K's path from the bias memory to the table address.
        int shift = AccumulatorShift(spec);
        bool tablesClamp = spec.Nonlinearity == NonlinearityKind.Table
            || spec.NonlinearityInputRangeLog2 + spec.Gate.Fraction < spec.Gate.Width - 1;
        var z = new TableInput[4];
        string[] gates = ["i", "f", "g", "o"];
        for (int q = 0; q < 4; q++)
        {
            var acc = accS1[(q + 1) * accumulatorWidth - 1, q * accumulatorWidth].AsSigned();
            var bias = biasS1[(q + 1) * wz - 1, q * wz].AsSigned();
            var sum = FixedPointRtl.RoundShiftRightAdd(acc, shift, bias);
            var preActivation = tablesClamp ? sum : FixedPointRtl.Saturate(sum, spec.Gate);
            z[q] = functions.Locate($"z_{gates[q]}", preActivation, spec.Gate.Fraction, 1);
        }
        Signal Delay(List<Signal> chain, string name, int stage, string suffix = "", BigInteger? resetValue = null)
        {
            while (chain.Count <= stage)
                chain.Add(m.Registered($"{name}_s{chain.Count}{suffix}", chain[^1], enable: advance, resetValue: resetValue));
            return chain[stage];
        }
        Signal Valid(int stage) => Delay(valid, "valid", stage, "_q", 0);
        Valid(2);
        if (cellPrevRead is null)
        {
            Delay(first, "first", cellReadStage + 1);
            cellPrevRead = cells.ReadRegistered($"cell_prev_s{cellReadStage + 1}", Delay(units, "unit", cellReadStage), advance);
        }
        // A sequence's first step reads a zero cell state: no pass clears the RAM.
        var cellPrev = new List<Signal>();
        for (int stage = 0; stage <= cellReadStage + 1; stage++) cellPrev.Add(cellPrevRead);
        cellPrev.Add(m.Registered($"cell_prev_s{cellReadStage + 2}", Expr.Mux(first[cellReadStage + 1], Expr.Zero(HdlType.SInt(wc)), cellPrevRead.AsSigned()), enable: advance));
        Delay(units, "unit", 2);

        // Stages 3 .. 1+E: sigmoid(i), sigmoid(f), tanh(g), sigmoid(o).
        var sigI = functions.Lookup("sigmoid_i", functions.Tables.Sigmoid, z[0]);
        var sigF = functions.Lookup("sigmoid_f", functions.Tables.Sigmoid, z[1]);
        var tanhG = functions.Lookup("tanh_g", functions.Tables.Tanh, z[2]);
        var sigO = functions.Lookup("sigmoid_o", functions.Tables.Sigmoid, z[3]);
        var valid3 = Valid(cellStage);
        var cellPrevG = Delay(cellPrev, "cell_prev", cellStage);
        var unitG = Delay(units, "unit", cellStage);

        // Stage 1+E: c = sat_Cell(rshr(f * c_prev, FH) + rshr(i * g, 2 FH - FC)), written back.
        var forget = FixedPointRtl.RoundShiftRight(sigF.AsSigned().MulWide(cellPrevG), fh);
        var input = FixedPointRtl.RoundShiftRight(sigI.AsSigned().MulWide(tanhG.AsSigned()), 2 * fh - spec.Cell.Fraction);
        var cellNext = m.Define("cell_next", FixedPointRtl.Saturate(FixedPointRtl.AddWide(forget, input), spec.Cell));
        cells.Write(advance & valid3, unitG, cellNext.AsUnsigned());
        var cellAddress = functions.Locate("cell", cellNext, spec.Cell.Fraction, cellStage);
        var outGate = new List<Signal>();
        for (int stage = 0; stage <= cellStage; stage++) outGate.Add(sigO);
        Delay(outGate, "sigmoid_o", cellStage + 1);
        Valid(cellStage + 1);

        // Stages 2+E .. 1+2E: tanh(c); then h = sat_Hidden(rshr(o * tanh(c), FH)).
        var tanhC = functions.Lookup("tanh_c", functions.Tables.Tanh, cellAddress);
        int last = cellStage + e;
        var outGateLast = Delay(outGate, "sigmoid_o", last);
        var validLast = Valid(last);
        var hidden = m.Define("hidden", FixedPointRtl.Saturate(FixedPointRtl.RoundShiftRight(outGateLast.AsSigned().MulWide(tanhC.AsSigned()), fh), spec.Hidden));

        output.Connect(validLast, hidden, mValid, mData, mReady);
        return new LstmCellUnit(spec, accumulatorWidth, m.Build());
    }
}
