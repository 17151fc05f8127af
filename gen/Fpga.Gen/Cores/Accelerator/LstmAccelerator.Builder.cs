using Fpga.Gen.Cores.Lstm;
using Fpga.Gen.Hdl;
using Fpga.Gen.Spec;

namespace Fpga.Gen.Cores.Accelerator;

public sealed partial class LstmAccelerator
{
    private sealed class Builder(AcceleratorSpec spec)
    {
        private readonly AcceleratorMemoryMap _map = new(spec);
        private readonly ModuleBuilder m = new(ModuleName(spec), new DesignConventions(spec.Reset));

        public LstmAccelerator Build()
        {
            var folding = _map.Folding;
            int layers = spec.Layers;
            bool logits = spec.Output == OutputMode.LogitsAtEnd;
            bool dense = AcceleratorFolding.HasDense(spec);
            var conventions = m.Conventions;
            var engines = folding.Layers.Select(l => LstmLayerEngine.Generate(spec, l, new LayerEnginePorts(
                Counters: false,
                HiddenStream: l.Layer == layers - 1 && !logits,
                CodeStream: l.Layer < layers - 1,
                ProductsDone: true))).ToArray();

            m.Comment($"LSTM accelerator: {layers} layer{(layers == 1 ? "" : "s")} of {spec.HiddenSize} units over {spec.InputSize} inputs, kw {spec.WeightCodes}, ka {spec.ActivationCodes}, PE {spec.Pe}, SIMD {spec.Simd} (layer 0 input: {folding.Layers[0].Input.Simd}).");
            m.Comment(dense
                ? $"Output: {spec.DenseOutputs} logits after a sequence's last step (dense rows in the last recurrent unit)."
                : "Output: the last layer's hidden state after every step.");
            m.Comment($"Spec {spec.Hash[..16]}; design id 0x{spec.DesignId:x8}; memory map and step timing in docs/ARCHITECTURE.md.");
            var clock = m.Clock;
            var reset = m.Reset;

            // The write bus.
            var cfgEn = m.Input("cfg_wr_en", 1);
            var cfgAddr = m.Input("cfg_wr_addr", _map.AddressWidth);
            var cfgData = m.Input("cfg_wr_data", _map.DataWidth);
            m.Describe(cfgAddr, $"{{region ({_map.RegionBits} bits), local address ({_map.LocalBits} bits)}}");
            var region = m.Define("cfg_region", cfgAddr[_map.AddressWidth - 1, _map.LocalBits]);

            // Streams and status.
            var sValid = m.Input("s_axis_tvalid", 1);
            var sReady = m.Output("s_axis_tready", 1);
            var sData = m.Input("s_axis_tdata", spec.ActivationCoefficient.Width + folding.Layers[0].Input.Simd);
            m.Describe(sData, "{G[j], code word}: code j major, column fold minor");
            var sFirst = m.Input("s_axis_tuser", 1);
            m.Describe(sFirst, "on a step's first beat: the step starts a sequence");
            var sLast = m.Input("s_axis_tlast", 1);
            m.Describe(sLast, "on a step's last beat: the step ends a sequence");
            var stateReset = m.Input("state_reset", 1);
            var mValid = m.Output("m_axis_tvalid", 1);
            var mReady = m.Input("m_axis_tready", 1);
            var outputFormat = logits ? spec.Gate : spec.Hidden;
            var mData = m.Output("m_axis_tdata", HdlType.SInt(outputFormat.Width));
            var mLast = m.Output("m_axis_tlast", 1);
            var busy = m.Output("busy", 1);
            var designId = m.Output("design_id", 32);
            m.Describe(designId, "the first 32 bits of the spec's SHA-256: the host refuses a board built for another spec");
            m.Assign(designId, Expr.Const(spec.DesignId, 32));

            // Input: beats are written into layer 0's input unit, addressed by their order.
            int beats = spec.ActivationCodes * folding.Layers[0].Input.ColFolds;
            var loaded = m.Register("loaded_q", 1, resetValue: 0);
            var reading = m.Register("reading_q", 1, resetValue: 0);
            m.Assign(sReady, ~loaded & ~reading);
            var accept = m.Define("input_accept", sValid & ~loaded & ~reading);
            var beat = m.Register("beat_q", BitWidth.ForUnsigned(Math.Max(1, beats - 1)), resetValue: 0);
            var beatLast = m.Define("beat_last", beat.Eq(beats - 1));
            m.Next(beat, Expr.Mux(beatLast, Expr.Zero(beat.Type), beat + 1), enable: accept);
            var column = m.Register("column_q", BitWidth.ForUnsigned(Math.Max(1, folding.Layers[0].Input.ColFolds - 1)), resetValue: 0);
            var columnLast = m.Define("column_last", column.Eq(folding.Layers[0].Input.ColFolds - 1));
            m.Next(column, Expr.Mux(columnLast, Expr.Zero(column.Type), column + 1), enable: accept);
            var code = m.Register("code_q", BitWidth.ForUnsigned(Math.Max(1, spec.ActivationCodes - 1)), resetValue: 0);
            m.Next(code, Expr.Mux(beatLast, Expr.Zero(code.Type), code + 1), enable: accept & columnLast);
            var loadedFirst = m.Register("loaded_first_q", 1);
            m.Next(loadedFirst, sFirst, enable: accept & beat.Eq(0));
            var loadedLast = m.Register("loaded_last_q", 1);
            m.Next(loadedLast, sLast, enable: accept & beatLast);

            // Sequencing: a wavefront. At each tick every layer that has a step to work on starts
            // it together with the others: layer 0 the loaded input's step, layer l > 0 the step
            // layer l-1 finished in the previous tick (its token: valid, first, last). A tick ends
            // when every started layer is done and, after the last layer finished a sequence's
            // last step, the logits have left; the next tick starts in the same cycle if the next
            // input is loaded or a step is still on its way up (the tail of a sequence flushes
            // without new input).
            var starts = Enumerable.Range(0, layers).Select(l => m.Register($"start_l{l}_q", 1, resetValue: 0)).ToArray();
            var active = Enumerable.Range(0, layers).Select(l => m.Register($"active_l{l}_q", 1, resetValue: 0)).ToArray();
            var busies = Enumerable.Range(0, layers).Select(l => m.Wire($"busy_l{l}", 1)).ToArray();
            var issuings = Enumerable.Range(0, layers).Select(l => m.Wire($"issuing_l{l}", 1)).ToArray();
            // A layer is done once its busy is low after the cycle of its start pulse.
            var done = Enumerable.Range(0, layers).Select(l => m.Define($"done_l{l}", active[l] & ~starts[l] & ~busies[l])).ToArray();
            // Tokens: the step a layer works on (or has just finished). Only the layers below the
            // last hand a step up, so only they keep a valid flag; the last flag is kept for the logits.
            var tokenValid = Enumerable.Range(0, layers - 1).Select(l => m.Register($"token_valid_l{l}_q", 1, resetValue: 0)).ToArray();
            var tokenFirst = Enumerable.Range(0, layers).Select(l => m.Register($"token_first_l{l}_q", 1)).ToArray();
            var tokenLast = dense ? Enumerable.Range(0, layers).Select(l => m.Register($"token_last_l{l}_q", 1)).ToArray() : null;
            var pendingFirst = m.Register("pending_first_q", 1, resetValue: 1);
            Signal? denseStart = null, denseActive = null, logitsFollow = null;
            var tickDone = active.Select((a, l) => (Expr)(~a | done[l])).Aggregate((a, b) => a & b);
            if (dense)
            {
                denseStart = m.Register("dense_start_q", 1, resetValue: 0);
                denseActive = m.Register("dense_active_q", 1, resetValue: 0);
                logitsFollow = m.Define("logits_follow", done[^1] & tokenLast![^1]);
                tickDone = tickDone & ~logitsFollow & ~denseActive;
            }
            // A step below the last layer still has to go up (none with one layer).
            var stepsInFlight = layers > 1 ? m.Define("steps_in_flight", tokenValid.Skip(1).Aggregate((Expr)tokenValid[0], (a, b) => a | b)) : null;
            var launch = m.Define("launch", m.Define("tick_done", tickDone) & (stepsInFlight is null ? loaded : loaded | stepsInFlight));
            var launchInput = m.Define("launch_input", launch & loaded);
            m.Next(loaded, Expr.Mux(accept & beatLast, Expr.True, Expr.Mux(launch, Expr.False, loaded)));
            m.Next(pendingFirst, stateReset | Expr.Mux(launchInput, loadedLast, pendingFirst));
            for (int l = 0; l < layers; l++)
            {
                var begin = l == 0 ? launchInput : m.Define($"launch_l{l}", launch & tokenValid[l - 1]);
                m.Next(starts[l], begin);
                m.Next(active[l], Expr.Mux(begin, Expr.True, Expr.Mux(done[l], Expr.False, active[l])));
                if (l < layers - 1) m.Next(tokenValid[l], l == 0 ? loaded : tokenValid[l - 1], enable: launch);
                m.Next(tokenFirst[l], l == 0 ? pendingFirst | loadedFirst : tokenFirst[l - 1], enable: begin);
                if (tokenLast is not null) m.Next(tokenLast[l], l == 0 ? loadedLast : tokenLast[l - 1], enable: begin);
            }
            // Ping-pong between layers: in a tick each layer below the last writes its codes into
            // bank bank_q of the input unit above, which reads the other bank: the one written in
            // the previous tick. One register serves every boundary, since all toggle at each tick.
            var bank = layers > 1 ? m.Register("bank_q", 1, resetValue: 0) : null;
            if (bank is not null) m.Next(bank, ~bank, enable: launch);

            // The layer engines.
            var codes = new CodeWrites?[layers];
            // A layer is in its product phase from its start to its products_done; layer 0's input
            // memory takes the next step's input only outside it.
            var productsDone = Enumerable.Range(0, layers).Select(l => m.Wire($"products_done_l{l}", 1)).ToArray();
            var producing = Enumerable.Range(0, layers).Select(l => l == 0 ? reading : m.Register($"producing_l{l}_q", 1, resetValue: 0)).ToArray();
            for (int l = 0; l < layers; l++)
                m.Next(producing[l], Expr.Mux(l == 0 ? launchInput : launch & tokenValid[l - 1], Expr.True, Expr.Mux(productsDone[l], Expr.False, producing[l])));
            Signal? hiddenValid = null, hiddenData = null, denseValid = null, denseData = null, denseLast = null;
            Expr? denseReady = null;
            for (int l = 0; l < layers; l++)
            {
                var engine = engines[l];
                var e = m.Instantiate($"u_layer{l}", engine.Module).Input("clk", clock).Input("rst", reset)
                    .Input("start", starts[l]).Input("first", tokenFirst[l])
                    .Output("busy", busies[l]).Output("issuing", issuings[l]).Output("products_done", productsDone[l]);
                foreach (var kind in new[] { MemoryRegionKind.InputWeights, MemoryRegionKind.InputCoefficients, MemoryRegionKind.RecurrentWeights,
                             MemoryRegionKind.RecurrentCoefficients, MemoryRegionKind.Biases })
                    Decode(e, _map.Region(kind, l), region, cfgEn, cfgAddr, cfgData);
                if (spec.Requantization == HiddenRequantization.Static)
                    Decode(e, _map.Region(MemoryRegionKind.StaticCoefficients, l), region, cfgEn, cfgAddr, cfgData);
                if (l == 0)
                {
                    e.Input("x_wr_en", accept).Input("x_wr_addr", beat.Resize(PortType(e, "x_wr_addr").Width))
                        .Input("x_wr_data", sData[folding.Layers[0].Input.Simd - 1, 0])
                        .Input("g_wr_en", accept).Input("g_wr_data", sData[sData.Width - 1, folding.Layers[0].Input.Simd].AsSigned());
                    if (spec.ActivationCodes > 1) e.Input("g_wr_idx", code);
                }
                else
                {
                    var below = codes[l - 1]!;
                    e.Input("x_wr_bank", bank!).Input("x_rd_bank", ~bank!);
                    e.Input("x_wr_en", below.Enable).Input("x_wr_addr", below.Address).Input("x_wr_data", below.Word)
                        .Input("g_wr_en", below.Enable).Input("g_wr_data", below.Coefficient);
                    if (below.Index is not null) e.Input("g_wr_idx", below.Index);
                }
                if (l < layers - 1)
                {
                    var w = new CodeWrites(
                        m.Wire($"codes_wr_en_l{l}", 1),
                        m.Wire($"codes_wr_addr_l{l}", PortType(e, "codes_wr_addr")),
                        m.Wire($"codes_wr_data_l{l}", PortType(e, "codes_wr_data")),
                        m.Wire($"codes_g_data_l{l}", PortType(e, "codes_g_data")),
                        spec.ActivationCodes > 1 ? m.Wire($"codes_g_idx_l{l}", PortType(e, "codes_g_idx")) : null);
                    e.Output("codes_wr_en", w.Enable).Output("codes_wr_addr", w.Address).Output("codes_wr_data", w.Word).Output("codes_g_data", w.Coefficient);
                    if (w.Index is not null) e.Output("codes_g_idx", w.Index);
                    codes[l] = w;
                }
                else if (!logits)
                {
                    hiddenValid = m.Wire("hidden_valid", 1);
                    hiddenData = m.Wire("hidden_data", HdlType.SInt(spec.Hidden.Width));
                    e.Output("m_axis_tvalid", hiddenValid).Input("m_axis_tready", mReady).Output("m_axis_tdata", hiddenData);
                }
                if (l == layers - 1 && dense)
                {
                    denseValid = m.Wire("dense_valid", 1);
                    denseData = m.Wire("dense_sums", PortType(e, "dense_axis_tdata"));
                    denseLast = m.Wire("dense_last", 1);
                    denseReady = m.Wire("dense_ready", 1);
                    e.Input("dense_start", denseStart!).Output("dense_axis_tvalid", denseValid).Output("dense_axis_tdata", denseData)
                        .Output("dense_axis_tlast", denseLast).Input("dense_axis_tready", denseReady);
                }
            }

            // The output stream.
            if (!logits)
            {
                var unit = m.Register("out_unit_q", BitWidth.Log2Ceiling(Math.Max(2, spec.HiddenSize)), resetValue: 0);
                var unitLast = m.Define("out_unit_last", unit.Eq(spec.HiddenSize - 1));
                m.Next(unit, Expr.Mux(unitLast, Expr.Zero(unit.Type), unit + 1), enable: hiddenValid! & mReady);
                m.Assign(mValid, hiddenValid!);
                m.Assign(mData, hiddenData!);
                m.Assign(mLast, unitLast);
            }
            else
            {
                var unit = DenseOutputUnit.Generate(spec, engines[^1].Recurrent.AccumulatorWidth, conventions);
                var biases = _map.Region(MemoryRegionKind.DenseBiases, layers - 1);
                var logitValid = m.Wire("logit_valid", 1);
                var logitLast = m.Wire("logit_last", 1);
                m.Instantiate("u_dense_output", unit.Module).Input("clk", clock).Input("rst", reset)
                    .Input("s_axis_tvalid", denseValid!).Output("s_axis_tready", (Signal)denseReady!).Input("s_axis_tdata", denseData!).Input("s_axis_tlast", denseLast!)
                    .Input("b_wr_en", cfgEn & region.Eq(biases.Index)).Input("b_wr_addr", cfgAddr[biases.AddressBits - 1, 0])
                    .Input("b_wr_data", cfgData[biases.DataWidth - 1, 0].AsSigned())
                    .Output("m_axis_tvalid", logitValid).Input("m_axis_tready", mReady).Output("m_axis_tdata", mData).Output("m_axis_tlast", logitLast);
                m.Assign(mValid, logitValid);
                m.Assign(mLast, logitLast);
                var logitsDone = m.Define("logits_done", logitValid & mReady & logitLast);
                m.Next(denseStart!, logitsFollow!);
                m.Next(denseActive!, Expr.Mux(logitsFollow!, Expr.True, Expr.Mux(logitsDone, Expr.False, denseActive!)));
            }

            // Status counters.
            var anyActive = active.Skip(1).Aggregate((Expr)active[0], (a, b) => a | b);
            if (stepsInFlight is not null) anyActive = anyActive | stepsInFlight;
            if (denseActive is not null) anyActive = anyActive | denseActive;
            var busyNow = m.Define("busy_now", anyActive);
            m.Assign(busy, busyNow);
            var steps = m.Register("step_count_q", 32, resetValue: 0);
            m.Next(steps, steps + 1, enable: launchInput);
            var busyCycles = m.Register("busy_cycles_q", 32, resetValue: 0);
            m.Next(busyCycles, busyCycles + 1, enable: busyNow);
            var issueCycles = m.Register("issue_cycles_q", 32, resetValue: 0);
            m.Next(issueCycles, issueCycles + 1, enable: issuings.Skip(1).Aggregate((Expr)issuings[0], (a, b) => a | b));
            m.Assign(m.Output("step_count", 32), steps);
            m.Assign(m.Output("busy_cycles", 32), busyCycles);
            m.Assign(m.Output("issue_cycles", 32), issueCycles);
            var productCycles = m.Register("product_cycles_q", 32, resetValue: 0);
            m.Next(productCycles, productCycles + 1, enable: producing.Skip(1).Aggregate((Expr)producing[0], (a, b) => a | b));
            m.Assign(m.Output("product_cycles", 32), productCycles);
            return new LstmAccelerator(spec, m.Build(), _map, engines);
        }

        private static HdlType PortType(Instance instance, string port) => instance.Target.Ports.Single(p => p.Name == port).Type;

        /// <summary>Connects a region of the write bus to one memory's write port of an engine.</summary>
        private static void Decode(Instance engine, MemoryRegion region, Expr regionBits, Expr enable, Expr address, Expr data)
        {
            string prefix = region.Kind switch
            {
                MemoryRegionKind.InputWeights => "wx",
                MemoryRegionKind.InputCoefficients => "ax",
                MemoryRegionKind.RecurrentWeights => "wh",
                MemoryRegionKind.RecurrentCoefficients => "ah",
                MemoryRegionKind.Biases => "b",
                MemoryRegionKind.StaticCoefficients => "sg",
                _ => throw new ArgumentOutOfRangeException(nameof(region), $"{region.Kind} is not a layer engine's memory"),
            };
            var dataType = PortType(engine, $"{prefix}_wr_data");
            Expr value = data[region.DataWidth - 1, 0];
            engine.Input($"{prefix}_wr_en", enable & regionBits.Eq(region.Index))
                .Input($"{prefix}_wr_data", dataType.Signed ? value.AsSigned() : value);
            // A single static coefficient (ka = 1) needs no address.
            if (engine.Target.Ports.Any(p => p.Name == $"{prefix}_wr_addr"))
                engine.Input($"{prefix}_wr_addr", address[region.AddressBits - 1, 0]);
        }
    }

    /// <summary>A layer's re-quantized h as writes for the input unit of the layer above.</summary>
    private sealed record CodeWrites(Signal Enable, Signal Address, Signal Word, Signal Coefficient, Signal? Index);
}
