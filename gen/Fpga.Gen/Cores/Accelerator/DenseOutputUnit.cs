using Fpga.Gen.Cores.Lstm;
using Fpga.Gen.Hdl;
using Fpga.Gen.Ir;
using Fpga.Gen.Spec;

namespace Fpga.Gen.Cores.Accelerator;

/// <summary>
/// Step 7 of docs/NUMERICS.md after the dense product: each beat of PE dense accumulators
/// (row fold by row fold, PE 0 in the low bits) becomes PE logits
/// <c>sat_Gate(rshr(acc, FA + FG - FZ) + Bias[row])</c>, one per output beat; the padding rows
/// (PE need not divide the dense outputs) are dropped and tlast marks the last real row.
///
/// Input  s_axis: tdata = PE signed accumulators, tlast on the product's last beat.
/// Output m_axis: tdata = a logit in the Gate format, tlast on the last one.
/// Biases: b_wr_* writes the Gate-format bias of a (padded) row.
/// </summary>
public sealed class DenseOutputUnit
{
    /// <summary>
    /// Cycles from the beat on s_axis to the sink taking its lane-0 logit: the beat is taken,
    /// its lane enters stage 1 (bias read), the output register, the sink's edge.
    /// </summary>
    public const int Latency = 4;

    private DenseOutputUnit(ModuleIr module) => Module = module;

    public ModuleIr Module { get; }

    public static DenseOutputUnit Generate(AcceleratorSpec spec, int accumulatorWidth, DesignConventions conventions)
    {
        spec.Validate();
        int pe = spec.Pe, rows = AcceleratorFolding.PaddedDenseRows(spec), outputs = spec.DenseOutputs, wz = spec.Gate.Width;
        var m = new ModuleBuilder($"dense_output_o{outputs}_p{pe}_a{accumulatorWidth}_{spec.Hash[..8]}", conventions);
        m.Comment($"Dense logits: {outputs} rows ({rows} with padding), {pe} accumulators of {accumulatorWidth} bits per beat, Gate {spec.Gate} (docs/NUMERICS.md step 7).");
        var sValid = m.Input("s_axis_tvalid", 1);
        var sReady = m.Output("s_axis_tready", 1);
        var sData = m.Input("s_axis_tdata", pe * accumulatorWidth);
        var sLast = m.Input("s_axis_tlast", 1);
        var bWrEn = m.Input("b_wr_en", 1);
        var rowBits = BitWidth.Log2Ceiling(Math.Max(2, rows));
        var bWrAddr = m.Input("b_wr_addr", rowBits);
        var bWrData = m.Input("b_wr_data", HdlType.SInt(wz));
        var mValid = m.Output("m_axis_tvalid", 1);
        var mReady = m.Input("m_axis_tready", 1);
        var mData = m.Output("m_axis_tdata", HdlType.SInt(wz));
        var mLast = m.Output("m_axis_tlast", 1);

        var output = new OutputSkidBuffer(m);
        var advance = output.Advance;

        // A held beat hands out one lane per cycle while the pipeline moves.
        var held = m.Register("held_valid_q", 1, resetValue: 0);
        var beat = m.Register("held_beat_q", pe * accumulatorWidth);
        var heldLast = m.Register("held_last_q", 1);
        int laneBits = BitWidth.Log2Ceiling(Math.Max(2, pe));
        // With PE 1 every beat is one lane: no lane counter.
        var lane = pe == 1 ? null : m.Register("lane_q", laneBits, resetValue: 0);
        var row = m.Register("row_q", rowBits, resetValue: 0);
        var laneLast = m.Define("lane_last", lane is null ? Expr.True : lane.Eq(pe - 1));
        var take = m.Define("take_lane", held & advance);
        var free = m.Define("beat_free", ~held | (take & laneLast));
        m.Assign(sReady, free);
        var accept = m.Define("accept", sValid & free);
        m.Next(held, Expr.Mux(accept, Expr.True, Expr.Mux(take & laneLast, Expr.False, held)));
        m.Next(beat, sData, enable: accept);
        m.Next(heldLast, sLast, enable: accept);
        if (lane is not null) m.Next(lane, Expr.Mux(laneLast, Expr.Zero(lane.Type), lane + 1), enable: take);
        var productLast = m.Define("product_last", heldLast & laneLast);
        m.Next(row, Expr.Mux(productLast, Expr.Zero(row.Type), row + 1), enable: take);

        // Stage 1: the lane's accumulator, rounded and shifted, and its row's bias (a registered read).
        Expr selected = beat[accumulatorWidth - 1, 0];
        for (int p = 1; p < pe; p++)
            selected = Expr.Mux(lane!.Eq(p), beat[(p + 1) * accumulatorWidth - 1, p * accumulatorWidth], selected);
        var biases = m.Memory("dense_biases", wz, Math.Max(2, rows)).WithStyle(MemoryPlacement.For(spec, wz, Math.Max(2, rows)));
        biases.Write(bWrEn, bWrAddr, bWrData.AsUnsigned());
        var biasS1 = biases.ReadRegistered("bias_s1", row, advance);
        // The rounding shift happens on the way into stage 1, so stage 2 holds one adder (the
        // bias) before the saturation rather than two in series.
        var accS1 = m.Registered("acc_s1", FixedPointRtl.RoundShiftRight(selected.AsSigned(), LstmCellUnit.AccumulatorShift(spec)), enable: advance);
        var realRow = m.Define("real_row", outputs == rows ? Expr.True : row.Lt(outputs));
        var validS1 = m.Registered("valid_s1_q", take & realRow, enable: advance, resetValue: 0);
        var lastS1 = m.Registered("last_s1", row.Eq(outputs - 1), enable: advance);

        var logit = FixedPointRtl.Saturate(FixedPointRtl.AddWide(accS1, biasS1.AsSigned()), spec.Gate);
        var packed = m.Wire("out_word", wz + 1);
        var packedNext = m.Define("logit_word", Expr.Concat(lastS1, logit.AsUnsigned()));
        output.Connect(validS1, packedNext, mValid, packed, mReady);
        m.Assign(mData, packed[wz - 1, 0].AsSigned());
        m.Assign(mLast, packed[wz]);
        return new DenseOutputUnit(m.Build());
    }
}
