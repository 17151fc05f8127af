using System.Numerics;
using Fpga.Gen.Hdl;
using Fpga.Gen.Ir;
using Fpga.Gen.Spec;

namespace Fpga.Gen.Cores.Lstm;

/// <summary>
/// Steps 2 to 5 of the numeric contract (docs/NUMERICS.md) for one hidden unit per beat:
/// bias and rounding shift into the gate format, sigmoid and tanh by table, the saturating
/// cell update and h = o * tanh(c). Units arrive in order 0..H-1 every step; the cell state
/// lives in a RAM indexed by unit, and a beat with tuser set starts a sequence (c_prev = 0).
///
/// Input  s_axis: tdata = {acc_o, acc_g, acc_f, acc_i} (signed accumulators of the matrix-vector
///        unit), tuser = first step of a sequence.
/// Output m_axis: tdata = h in the Hidden format.
/// Biases: b_wr_* writes {b_o, b_g, b_f, b_i} in the Gate format for a unit.
/// Back-pressure stalls the pipeline through a registered enable (the output skid buffer).
/// </summary>
public sealed class LstmCellUnit
{
    public const int Latency = 6;

    private LstmCellUnit(AcceleratorSpec spec, int accumulatorWidth, ModuleIr module)
    {
        Spec = spec;
        AccumulatorWidth = accumulatorWidth;
        Module = module;
    }

    public AcceleratorSpec Spec { get; }
    public int AccumulatorWidth { get; }
    public ModuleIr Module { get; }

    /// <summary>The shift from the accumulator scale 2^-(FA+FG) to the gate format.</summary>
    public static int AccumulatorShift(AcceleratorSpec spec) => spec.WeightCoefficient.Fraction + spec.ActivationCoefficient.Fraction - spec.Gate.Fraction;

    public static LstmCellUnit Generate(AcceleratorSpec spec, int accumulatorWidth, DesignConventions? conventions = null)
    {
        spec.Validate();
        if (spec.Nonlinearity != NonlinearityKind.Table)
            throw new SpecValidationException(nameof(AcceleratorSpec.Nonlinearity), "the cell unit generates lookup tables only so far; piecewise linear is not generated yet");
        // A unit's new cell state is written three cycles after its old one is read: with
        // fewer than four units, back-to-back steps would read a stale state.
        if (spec.HiddenSize < 4) throw new SpecValidationException(nameof(AcceleratorSpec.HiddenSize), $"the cell unit needs at least 4 hidden units, not {spec.HiddenSize}");
        if (accumulatorWidth is < 2 or > 64) throw new SpecValidationException("accumulatorWidth", $"{accumulatorWidth} is outside 2..64");
        var tables = NonlinearityTables.For(spec);
        int h = spec.HiddenSize, wz = spec.Gate.Width, wc = spec.Cell.Width, wh = spec.Hidden.Width, fh = spec.Hidden.Fraction;
        var m = new ModuleBuilder($"lstm_cell_h{h}_a{accumulatorWidth}_{spec.Hash[..8]}", conventions ?? new DesignConventions(spec.Reset));
        m.Comment($"LSTM cell unit for {h} hidden units: gates {spec.Gate}, cell {spec.Cell}, hidden {spec.Hidden}, tables of 2^{spec.NonlinearityTableBits} over +-{1 << spec.NonlinearityInputRangeLog2}.");
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

        // Stage 1: the beat, its unit's biases and previous cell state.
        var unit = m.Register("unit_q", unitBits, resetValue: 0);
        m.Next(unit, Expr.Mux(unit.Eq(h - 1), Expr.Zero(unit.Type), unit + 1), enable: accept);
        var biases = m.Memory("biases", 4 * wz, Math.Max(2, h));
        biases.Write(bWrEn, bWrAddr, bWrData);
        var biasS1 = biases.ReadRegistered("bias_s1", unit, advance);
        var cells = m.Memory("cell_state", wc, Math.Max(2, h));
        var cellPrevS1 = cells.ReadRegistered("cell_prev_s1", unit, advance);
        var valid1 = m.Registered("valid_s1_q", sValid, enable: advance, resetValue: 0);
        var accS1 = m.Registered("acc_s1", sData, enable: advance);
        var firstS1 = m.Registered("first_s1", sFirst, enable: advance);
        var unitS1 = m.Registered("unit_s1", unit, enable: advance);

        // Stage 2: pre-activations z = sat_Gate(rshr(acc, FA + FG - FZ) + bias). Only their
        // table addresses are registered: the tables read nothing finer.
        int shift = AccumulatorShift(spec);
        var z = new Signal[4];
        string[] gates = ["i", "f", "g", "o"];
        for (int q = 0; q < 4; q++)
        {
            var acc = accS1[(q + 1) * accumulatorWidth - 1, q * accumulatorWidth].AsSigned();
            var bias = biasS1[(q + 1) * wz - 1, q * wz].AsSigned();
            var preActivation = FixedPointRtl.Saturate(FixedPointRtl.AddWide(FixedPointRtl.RoundShiftRight(acc, shift), bias), spec.Gate);
            z[q] = m.Registered($"z_{gates[q]}_address_s2", FixedPointRtl.TableAddress(preActivation, spec.Gate.Fraction, tables), enable: advance);
        }
        var valid2 = m.Registered("valid_s2_q", valid1, enable: advance, resetValue: 0);
        var cellPrevS2 = m.Registered("cell_prev_s2", Expr.Mux(firstS1, Expr.Zero(HdlType.SInt(wc)), cellPrevS1.AsSigned()), enable: advance);
        var unitS2 = m.Registered("unit_s2", unitS1, enable: advance);

        // Stage 3: sigmoid(i), sigmoid(f), tanh(g), sigmoid(o) from ROMs.
        Signal Lookup(string name, IReadOnlyList<long> table, Expr address)
        {
            var rom = m.Memory($"{name}_table", wh, table.Count, table.Select(v => v >= 0 ? (BigInteger)v : (BigInteger.One << wh) + v).ToArray());
            return rom.ReadRegistered($"{name}_s{(name == "tanh_c" ? 5 : 3)}", address, advance);
        }
        var sigI = Lookup("sigmoid_i", tables.Sigmoid, z[0]);
        var sigF = Lookup("sigmoid_f", tables.Sigmoid, z[1]);
        var tanhG = Lookup("tanh_g", tables.Tanh, z[2]);
        var sigO = Lookup("sigmoid_o", tables.Sigmoid, z[3]);
        var valid3 = m.Registered("valid_s3_q", valid2, enable: advance, resetValue: 0);
        var cellPrevS3 = m.Registered("cell_prev_s3", cellPrevS2, enable: advance);
        var unitS3 = m.Registered("unit_s3", unitS2, enable: advance);

        // Stage 4: c = sat_Cell(rshr(f * c_prev, FH) + rshr(i * g, 2 FH - FC)), written back.
        var forget = FixedPointRtl.RoundShiftRight(sigF.AsSigned().MulWide(cellPrevS3), fh);
        var input = FixedPointRtl.RoundShiftRight(sigI.AsSigned().MulWide(tanhG.AsSigned()), 2 * fh - spec.Cell.Fraction);
        var cellNext = m.Define("cell_next", FixedPointRtl.Saturate(FixedPointRtl.AddWide(forget, input), spec.Cell));
        cells.Write(advance & valid3, unitS3, cellNext.AsUnsigned());
        var cellAddressS4 = m.Registered("cell_address_s4", FixedPointRtl.TableAddress(cellNext, spec.Cell.Fraction, tables), enable: advance);
        var outGateS4 = m.Registered("sigmoid_o_s4", sigO, enable: advance);
        var valid4 = m.Registered("valid_s4_q", valid3, enable: advance, resetValue: 0);

        // Stage 5: tanh(c); then h = sat_Hidden(rshr(o * tanh(c), FH)).
        var tanhC = Lookup("tanh_c", tables.Tanh, cellAddressS4);
        var outGateS5 = m.Registered("sigmoid_o_s5", outGateS4, enable: advance);
        var valid5 = m.Registered("valid_s5_q", valid4, enable: advance, resetValue: 0);
        var hidden = m.Define("hidden", FixedPointRtl.Saturate(FixedPointRtl.RoundShiftRight(outGateS5.AsSigned().MulWide(tanhC.AsSigned()), fh), spec.Hidden));

        output.Connect(valid5, hidden, mValid, mData, mReady);
        return new LstmCellUnit(spec, accumulatorWidth, m.Build());
    }
}
