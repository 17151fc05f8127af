using Fpga.Gen.Cores.Mvu;
using Fpga.Gen.Hdl;
using Fpga.Gen.Ir;
using Fpga.Gen.Spec;

namespace Fpga.Gen.Cores.Lstm;

/// <summary>
/// One LSTM layer, steps 1 to 6 of docs/NUMERICS.md: the input and the recurrent
/// matrix-vector units run side by side, a join adds their accumulators row fold by row fold
/// (the recurrent part counts as 0 in the first step of a sequence), the cell unit turns each
/// unit's four gate sums into h, which leaves on m_axis and enters the re-quantizer,
/// whose code words and coefficients are written straight into the recurrent unit's
/// activation memory for the next step.
///
/// Gate rows are stored unit-major (physical row 4k + q holds gate q of unit k, q = i, f, g, o),
/// so with PE = 4 one beat of the matrix-vector units is one unit's four gates. With PE 1 or 2
/// a beat adapter gathers 4 / PE beats into one cell beat; with PE = 4k it splits a beat into k
/// cell beats, one a cycle (<see cref="AdapterCyclesOf"/>).
/// The host writes weights, coefficients and biases through the *_wr ports, writes the step's
/// input codes through x_wr / g_wr, then pulses start (with first set for the first step of a
/// sequence) and waits for busy to fall before the next step.
///
/// Inside the accelerator top (<see cref="LayerEnginePorts"/>) a layer may also hand its
/// re-quantized h to the layer above (codes_*: the very writes its recurrent unit gets), run
/// the dense rows stored after the gate rows of its recurrent unit (dense_start, dense_axis_*),
/// have a double-buffered input unit (x_wr_bank, x_rd_bank: the layer below writes the next
/// step's codes while this layer reads the previous step's) and leave out the ports the top
/// does not read.
/// </summary>
public sealed class LstmLayerEngine
{
    private LstmLayerEngine(AcceleratorSpec spec, ModuleIr module, XnorMvu input, XnorMvu recurrent, LstmCellUnit cell, HiddenStateRequantizer requantizer)
    {
        Spec = spec;
        Module = module;
        Input = input;
        Recurrent = recurrent;
        Cell = cell;
        Requantizer = requantizer;
    }

    public AcceleratorSpec Spec { get; }
    public ModuleIr Module { get; }
    public XnorMvu Input { get; }
    public XnorMvu Recurrent { get; }
    public LstmCellUnit Cell { get; }
    public HiddenStateRequantizer Requantizer { get; }

    /// <summary>The longer of the two products' issue cycles: both start together and the join waits for both.</summary>
    public long ProductIssueCycles => Math.Max(Input.Options.IssueCycles, Recurrent.Options.IssueCycles);

    /// <summary>
    /// Cycles from the edge that takes start to the edge after which busy is low, with a ready
    /// sink: the products (issue, then the unit's tail; the join adds the last beat straight into
    /// the cell unit's first stage), the beat adapter's cycles (PE other than 4), the cell unit's pipeline, the edge at which the re-quantizer
    /// takes the last h, and the re-quantizer's passes after it.
    /// </summary>
    public long StepCycles => Math.Max(Input.CyclesPerProduct, Recurrent.CyclesPerProduct) + AdapterCycles + Cell.Latency + 1 + Requantizer.Cycles;

    /// <summary>The beat adapter's cycles of a step (<see cref="AdapterCyclesOf"/>).</summary>
    public long AdapterCycles => AdapterCyclesOf(Spec.Pe, Spec.HiddenSize, Math.Max(Input.Options.RowFoldCycles, Recurrent.Options.RowFoldCycles));

    /// <summary>
    /// Cycles the beat adapter between the join and the cell unit adds to a step: none with
    /// PE 4 (no adapter) or PE 1 and 2 (the last of a unit's 4 / PE beats goes straight into the
    /// cell unit with the gathered ones); with PE = 4k the cell unit takes a beat's k units one a
    /// cycle, the first straight from the join: k - 1 cycles after the last beat, and where a row
    /// fold takes c &lt; k cycles the units stall k - c cycles at each of the other H / k - 1 beats.
    /// </summary>
    public static long AdapterCyclesOf(int pe, int hiddenSize, long rowFoldCycles)
    {
        if (pe <= 4) return 0;
        int k = pe / 4;
        return k - 1 + (long)(hiddenSize / k - 1) * Math.Max(0, k - rowFoldCycles);
    }

    /// <summary>A stand-alone layer 0 of <paramref name="spec"/>, folded as in the accelerator.</summary>
    public static LstmLayerEngine Generate(AcceleratorSpec spec)
    {
        var layer = Accelerator.AcceleratorFolding.For(spec).Layers[0];
        return Generate(spec, layer with { Recurrent = layer.Recurrent with { ExtraRows = 0 } }, LayerEnginePorts.Standalone);
    }

    public static LstmLayerEngine Generate(AcceleratorSpec spec, Accelerator.LayerFolding folding, LayerEnginePorts ports)
    {
        spec.Validate();
        int pe = spec.Pe;
        if (pe % 4 != 0 && 4 % pe != 0)
            throw new SpecValidationException(nameof(AcceleratorSpec.Pe), $"a beat of the layer engine is whole units' four gates or a part of one unit's: PE must divide 4 or be a multiple of 4, not {pe}");
        var conventions = new DesignConventions(spec.Reset);
        var widths = DerivedWidths.For(spec);
        int accWidth = folding.AccumulatorWidth;
        var input = XnorMvu.Generate(folding.Input, conventions);
        var recurrent = XnorMvu.Generate(folding.Recurrent, conventions);
        bool dense = folding.Recurrent.ExtraRows > 0;
        var cell = LstmCellUnit.Generate(spec, accWidth, conventions);
        var requantizer = HiddenStateRequantizer.Generate(spec, Accelerator.AcceleratorFolding.RequantizerSimd(spec), conventions);

        bool banked = folding.Input.ActivationBanks > 1;
        string variant = ports == LayerEnginePorts.Standalone ? "" : $"{ports.Suffix}_n{folding.Input.Cols}_s{folding.Input.Simd}{(dense ? $"_d{folding.Recurrent.ExtraRows}" : "")}{(banked ? "_b" : "")}_";
        var m = new ModuleBuilder($"lstm_layer_{variant}{spec.Hash[..8]}", conventions);
        m.Comment($"One LSTM layer: {folding.Input.Cols} inputs, {spec.HiddenSize} units, kw {spec.WeightCodes}, ka {spec.ActivationCodes}, PE {spec.Pe}, SIMD {folding.Input.Simd} (input) and {spec.Simd} (recurrent); spec {spec.Hash[..16]}.");
        if (dense) m.Comment($"The recurrent unit also holds {folding.Recurrent.ExtraRows} dense rows after the gate rows, run by dense_start.");
        var clock = m.Clock;
        var reset = m.Reset;

        Signal Pass(Instance instance, string port, string topName)
        {
            var spec = instance.Target.Ports.Single(p => p.Name == port);
            var top = m.Input(topName, spec.Type);
            instance.Input(port, top);
            return top;
        }
        Signal Out(Instance instance, string port, string wireName)
        {
            var spec = instance.Target.Ports.Single(p => p.Name == port);
            var wire = m.Wire(wireName, spec.Type);
            instance.Output(port, wire);
            return wire;
        }

        var start = m.Input("start", 1);
        var first = m.Input("first", 1);
        var busy = m.Output("busy", 1);
        var issuing = m.Output("issuing", 1);
        m.Describe(issuing, "a matrix-vector unit issues an address this cycle");
        var mValid = ports.HiddenStream ? m.Output("m_axis_tvalid", 1) : null;
        var mReady = ports.HiddenStream ? m.Input("m_axis_tready", 1) : (Expr)Expr.True;
        var mData = ports.HiddenStream ? m.Output("m_axis_tdata", HdlType.SInt(spec.Hidden.Width)) : null;
        var productsDone = ports.ProductsDone ? m.Output("products_done", 1) : null;

        var firstQ = m.Register("first_q", 1);
        m.Next(firstQ, first, enable: start);

        // The input product: everything from the host.
        var ux = m.Instantiate("u_input_product", input.Module).Input("clk", clock).Input("rst", reset).Input("start", start);
        foreach (var (port, name) in new[] { ("w_wr_en", "wx_wr_en"), ("w_wr_addr", "wx_wr_addr"), ("w_wr_data", "wx_wr_data"), ("a_wr_en", "ax_wr_en"),
                     ("a_wr_addr", "ax_wr_addr"), ("a_wr_data", "ax_wr_data"), ("x_wr_en", "x_wr_en"), ("x_wr_addr", "x_wr_addr"), ("x_wr_data", "x_wr_data"),
                     ("g_wr_en", "g_wr_en"), ("g_wr_data", "g_wr_data") })
            Pass(ux, port, name);
        if (spec.ActivationCodes > 1) Pass(ux, "g_wr_idx", "g_wr_idx");
        // A double-buffered input unit: the layer below writes one bank while this layer reads the other.
        if (banked)
        {
            Pass(ux, "x_wr_bank", "x_wr_bank");
            Pass(ux, "x_rd_bank", "x_rd_bank");
        }
        var xBusy = Out(ux, "busy", "input_busy");
        var xValid = Out(ux, "m_axis_tvalid", "input_valid");
        var xData = Out(ux, "m_axis_tdata", "input_sums");
        var xLast = Out(ux, "m_axis_tlast", "input_last");

        // The recurrent product: weights from the host, activations from the re-quantizer.
        var uh = m.Instantiate("u_recurrent_product", recurrent.Module).Input("clk", clock).Input("rst", reset).Input("start", start);
        foreach (var (port, name) in new[] { ("w_wr_en", "wh_wr_en"), ("w_wr_addr", "wh_wr_addr"), ("w_wr_data", "wh_wr_data"), ("a_wr_en", "ah_wr_en"),
                     ("a_wr_addr", "ah_wr_addr"), ("a_wr_data", "ah_wr_data") })
            Pass(uh, port, name);
        if (dense) uh.Input("start_extra", m.Input("dense_start", 1));
        var hBusy = Out(uh, "busy", "recurrent_busy");
        var hValid = Out(uh, "m_axis_tvalid", "recurrent_valid");
        var hData = Out(uh, "m_axis_tdata", "recurrent_sums");
        var hLast = Out(uh, "m_axis_tlast", "recurrent_last");

        m.Assign(issuing, Out(ux, "issuing", "input_issuing") | Out(uh, "issuing", "recurrent_issuing"));

        // Join: both products' beats for the same row fold are added lane by lane; the dense
        // product's beats leave on dense_axis instead.
        var cellReady = m.Wire("cell_ready", 1);
        // With PE other than 4 a beat adapter sits between the join and the cell unit; joinReady is its s_axis_tready.
        var joinReady = pe == 4 ? cellReady : m.Wire("join_ready", 1);
        Signal? denseQ = null;
        if (dense)
        {
            denseQ = m.Register("dense_q", 1, resetValue: 0);
            var denseStart = uh.Inputs.Single(i => i.Key == "start_extra").Value;
            m.Next(denseQ, Expr.Mux(start, Expr.False, Expr.Mux(denseStart, Expr.True, denseQ)));
            var denseReady = m.Input("dense_axis_tready", 1);
            m.Assign(m.Output("dense_axis_tvalid", 1), hValid & denseQ);
            m.Assign(m.Output("dense_axis_tdata", hData.Type), hData);
            m.Assign(m.Output("dense_axis_tlast", 1), hLast);
            uh.Input("m_axis_tready", Expr.Mux(denseQ, denseReady, joinReady & xValid));
        }
        else
        {
            uh.Input("m_axis_tready", joinReady & xValid);
        }
        var joined = m.Define("joined_valid", denseQ is null ? xValid & hValid : xValid & hValid & ~denseQ);
        ux.Input("m_axis_tready", joinReady & hValid);
        var lanes = new Expr[pe];
        for (int q = 0; q < pe; q++)
        {
            var x = xData[(q + 1) * input.AccumulatorWidth - 1, q * input.AccumulatorWidth].AsSigned().Resize(accWidth);
            var h = hData[(q + 1) * recurrent.AccumulatorWidth - 1, q * recurrent.AccumulatorWidth].AsSigned().Resize(accWidth);
            lanes[q] = x + Expr.Mux(firstQ, Expr.Zero(HdlType.SInt(accWidth)), h);
        }
        if (productsDone is not null) m.Assign(productsDone, joined & joinReady & xLast & hLast);
        var (cellIn, cellInData) = pe == 4
            ? ((Expr)joined, Expr.Concat(lanes[3].AsUnsigned(), lanes[2].AsUnsigned(), lanes[1].AsUnsigned(), lanes[0].AsUnsigned()))
            : pe < 4 ? GatherBeats(m, pe, joined, lanes, joinReady, cellReady) : SplitBeats(m, pe, accWidth, joined, lanes, joinReady, cellReady);

        // Cell unit, then a fork to the host and the re-quantizer.
        var cellValid = m.Wire("cell_valid", 1);
        var cellData = m.Wire("cell_hidden", HdlType.SInt(spec.Hidden.Width));
        var rqReady = m.Wire("requant_ready", 1);
        m.Instantiate("u_cell", cell.Module).Input("clk", clock).Input("rst", reset)
            .Input("s_axis_tvalid", cellIn).Output("s_axis_tready", cellReady)
            .Input("s_axis_tdata", cellInData)
            .Input("s_axis_tuser", firstQ)
            .Input("b_wr_en", m.Input("b_wr_en", 1)).Input("b_wr_addr", m.Input("b_wr_addr", cell.Module.Ports.Single(p => p.Name == "b_wr_addr").Type))
            .Input("b_wr_data", m.Input("b_wr_data", cell.Module.Ports.Single(p => p.Name == "b_wr_data").Type))
            .Output("m_axis_tvalid", cellValid).Input("m_axis_tready", mReady & rqReady).Output("m_axis_tdata", cellData);
        if (mValid is not null) m.Assign(mValid, cellValid & rqReady);
        if (mData is not null) m.Assign(mData, cellData);

        var rqValid = m.Wire("requant_valid", 1);
        var rqData = m.Wire("requant_word", requantizer.Module.Ports.Single(p => p.Name == "m_axis_tdata").Type);
        var rqLast = m.Wire("requant_last", 1);
        var rqIdle = m.Wire("requant_idle", 1);
        var uq = m.Instantiate("u_requantizer", requantizer.Module).Input("clk", clock).Input("rst", reset)
            .Input("s_axis_tvalid", cellValid & mReady).Output("s_axis_tready", rqReady).Input("s_axis_tdata", cellData)
            .Output("m_axis_tvalid", rqValid).Input("m_axis_tready", Expr.True).Output("m_axis_tdata", rqData).Output("m_axis_tlast", rqLast)
            .Output("idle", rqIdle);
        // Static re-quantization: the host writes the layer's ka calibrated coefficients.
        foreach (var port in requantizer.Module.Ports.Where(p => p.Name.StartsWith("sg_wr_", StringComparison.Ordinal)))
            Pass(uq, port.Name, port.Name);

        // Code words go into the recurrent unit's activation memory, code j major, SIMD bits a
        // word; a narrower re-quantizer's words are gathered into SIMD-bit words first.
        var (wideValid, wideWord) = GatherCodeWords(m, spec, requantizer, rqValid, rqData, rqLast);
        int words = (spec.HiddenSize + spec.Simd - 1) / spec.Simd;
        var actAddress = m.Register("act_address_q", uh.Target.Ports.Single(p => p.Name == "x_wr_addr").Type.Width, resetValue: 0);
        var column = m.Register("column_q", BitWidth.ForUnsigned(Math.Max(words - 1, 1)), resetValue: 0);
        var codeIndex = m.Register("code_index_q", BitWidth.ForUnsigned(Math.Max(spec.ActivationCodes - 1, 1)), resetValue: 0);
        var columnLast = m.Define("column_last", column.Eq(words - 1));
        m.Next(actAddress, Expr.Mux(rqLast, Expr.Zero(actAddress.Type), actAddress + 1), enable: wideValid);
        m.Next(column, Expr.Mux(columnLast, Expr.Zero(column.Type), column + 1), enable: wideValid);
        m.Next(codeIndex, Expr.Mux(rqLast, Expr.Zero(codeIndex.Type), codeIndex + 1), enable: wideValid & columnLast);
        uh.Input("x_wr_en", wideValid).Input("x_wr_addr", actAddress).Input("x_wr_data", wideWord)
            .Input("g_wr_en", wideValid).Input("g_wr_data", rqData[rqData.Width - 1, requantizer.Simd]);
        if (spec.ActivationCodes > 1) uh.Input("g_wr_idx", codeIndex);
        if (ports.CodeStream)
        {
            // The layer above takes the same writes into its input unit's activation memory.
            m.Assign(m.Output("codes_wr_en", 1), wideValid);
            m.Assign(m.Output("codes_wr_addr", actAddress.Type), actAddress);
            m.Assign(m.Output("codes_wr_data", spec.Simd), wideWord);
            m.Assign(m.Output("codes_g_data", HdlType.SInt(spec.ActivationCoefficient.Width)), rqData[rqData.Width - 1, requantizer.Simd].AsSigned());
            if (spec.ActivationCodes > 1) m.Assign(m.Output("codes_g_idx", codeIndex.Type), codeIndex);
        }

        var stepBusy = m.Register("step_busy_q", 1, resetValue: 0);
        m.Next(stepBusy, Expr.Mux(start, Expr.True, Expr.Mux(rqValid & rqLast, Expr.False, stepBusy)));
        var busyNow = m.Define("busy_now", stepBusy | xBusy | hBusy | ~rqIdle);
        m.Assign(busy, busyNow);

        if (ports.Counters)
        {
            var designId = m.Output("design_id", 32);
            m.Describe(designId, "the first 32 bits of the spec's SHA-256: the host refuses a board built for another spec");
            m.Assign(designId, Expr.Const(spec.DesignId, 32));
            // Counters the host reads: steps started and cycles spent busy since reset (wrapping).
            var steps = m.Register("step_count_q", 32, resetValue: 0);
            m.Next(steps, steps + 1, enable: start);
            var cycles = m.Register("busy_cycles_q", 32, resetValue: 0);
            m.Next(cycles, cycles + 1, enable: busyNow);
            m.Assign(m.Output("step_count", 32), steps);
            m.Assign(m.Output("busy_cycles", 32), cycles);
        }
        return new LstmLayerEngine(spec, m.Build(), input, recurrent, cell, requantizer);
    }
    /// <summary>
    /// PE 1 or 2: a unit's four gates arrive in 4 / PE beats (physical rows 4u + q, row fold
    /// after row fold). The first beats are kept; the last goes to the cell unit together with
    /// them, so the units see back-pressure only on a unit's last beat.
    /// </summary>
    private static (Expr Valid, Expr Data) GatherBeats(ModuleBuilder m, int pe, Expr joined, Expr[] lanes, Signal joinReady, Signal cellReady)
    {
        int beats = 4 / pe;
        m.Comment($"Beat adapter: {beats} beats of {pe} gate sums make one unit's four.");
        var part = m.Register("gather_part_q", BitWidth.ForUnsigned(beats - 1), resetValue: 0);
        var partLast = m.Define("gather_part_last", part.Eq(beats - 1));
        m.Assign(joinReady, ~partLast | cellReady);
        var take = m.Define("gather_take", joined & joinReady);
        m.Next(part, Expr.Mux(partLast, Expr.Zero(part.Type), part + 1), enable: take);
        var beat = Expr.Concat(lanes.Reverse().Select(l => l.AsUnsigned()).ToArray());
        var kept = Enumerable.Range(0, beats - 1).Select(b => (Expr)m.Registered($"gather_beat{b}_q", beat, enable: take & part.Eq(b))).ToArray();
        return (m.Define("gather_valid", joined & partLast), Expr.Concat(kept.Reverse().Prepend(beat).ToArray()));
    }

    /// <summary>
    /// PE = 4k: a beat holds k units' four gates. The cell unit takes the first straight from
    /// the join and the other k - 1 from a register, one a cycle; the units wait meanwhile.
    /// </summary>
    private static (Expr Valid, Expr Data) SplitBeats(ModuleBuilder m, int pe, int accWidth, Expr joined, Expr[] lanes, Signal joinReady, Signal cellReady)
    {
        int k = pe / 4, unitWidth = 4 * accWidth;
        m.Comment($"Beat adapter: a beat of {pe} gate sums is {k} units' four, one unit a cycle to the cell unit.");
        Expr Unit(int u) => Expr.Concat(lanes[4 * u + 3].AsUnsigned(), lanes[4 * u + 2].AsUnsigned(), lanes[4 * u + 1].AsUnsigned(), lanes[4 * u].AsUnsigned());
        var left = m.Register("split_left_q", BitWidth.ForUnsigned(k - 1), resetValue: 0);
        var held = m.Define("split_held", ~left.Eq(0));
        m.Assign(joinReady, ~held & cellReady);
        var take = m.Define("split_take", joined & joinReady);
        var next = m.Define("split_next", held & cellReady);
        m.Next(left, Expr.Mux(take, Expr.Const(k - 1, left.Type), left - 1), enable: take | next);
        var rest = Expr.Concat(Enumerable.Range(1, k - 1).Reverse().Select(Unit).ToArray());
        var units = m.Register("split_units_q", (k - 1) * unitWidth);
        // The held units turn one place down a cycle: the unit offered is always the lowest.
        Expr turned = k == 2 ? units : Expr.Concat(units[unitWidth - 1, 0], units[(k - 1) * unitWidth - 1, unitWidth]);
        m.Next(units, Expr.Mux(take, rest, turned), enable: take | next);
        return (m.Define("split_valid", held | joined), m.Define("split_unit", Expr.Mux(held, units[unitWidth - 1, 0], Unit(0))));
    }

    /// <summary>
    /// The re-quantizer's code words as SIMD-bit words: its own words when it is SIMD wide; else
    /// SIMD / L of its L-bit words side by side (first in the low bits), a wide word written
    /// with the last part or with a code's last word (the bits above it zero: padding units).
    /// </summary>
    private static (Expr Valid, Expr Word) GatherCodeWords(ModuleBuilder m, AcceleratorSpec spec, HiddenStateRequantizer requantizer, Signal valid, Signal data, Signal last)
    {
        int simd = spec.Simd, narrow = requantizer.Simd;
        if (narrow == simd) return (valid, data[simd - 1, 0]);
        int parts = simd / narrow, narrowWords = requantizer.Words;
        m.Comment($"The re-quantizer's {narrow}-bit code words, {parts} to a {simd}-bit word of the activation memory.");
        var part = m.Register("code_part_q", BitWidth.ForUnsigned(parts - 1), resetValue: 0);
        var index = m.Register("code_word_q", BitWidth.ForUnsigned(Math.Max(narrowWords - 1, 1)), resetValue: 0);
        var codeEnd = m.Define("code_word_last", index.Eq(narrowWords - 1));
        var partLast = m.Define("code_part_last", part.Eq(parts - 1) | codeEnd);
        m.Next(index, Expr.Mux(codeEnd, Expr.Zero(index.Type), index + 1), enable: valid);
        m.Next(part, Expr.Mux(partLast, Expr.Zero(part.Type), part + 1), enable: valid);
        var word = data[narrow - 1, 0];
        var gathered = Enumerable.Range(0, parts - 1).Select(k => m.Registered($"code_part{k}_q", word, enable: valid & part.Eq(k))).ToArray();
        var pieces = Enumerable.Range(0, parts).Select(k => k == parts - 1
            ? Expr.Mux(part.Eq(k), word, Expr.Zero(HdlType.UInt(narrow)))
            : Expr.Mux(part.Eq(k), word, Expr.Mux(part.Gt(Expr.Const(k, part.Type)), gathered[k], Expr.Zero(HdlType.UInt(narrow))))).ToArray();
        var wide = m.Define("code_word_wide", Expr.Concat(pieces.Reverse().ToArray()));
        return (m.Define("code_word_valid", valid & partLast), wide);
    }
}
