using Fpga.Gen.Hdl;
using Fpga.Gen.Ir;
using Fpga.Gen.Spec;

namespace Fpga.Gen.Cores.Link;

/// <summary>
/// The board top: the accelerator behind the link (UART receiver, frame decoder, command
/// engine, frame encoder, UART transmitter), a reset synchronizer and a power-on reset.
/// The clock comes straight from a pin (a PLL belongs to the bitstream flow). link_idle is
/// high while no frame is open, no command runs and nothing is being sent: an LED on a
/// board, and the simulator's cue that it may wait for the host without running the clock.
/// </summary>
public sealed class LinkBoard
{
    private LinkBoard(ModuleIr module, CommandEngine engine, LinkIdentity identity)
    {
        Module = module;
        Engine = engine;
        Identity = identity;
    }

    public ModuleIr Module { get; }
    public CommandEngine Engine { get; }
    public LinkIdentity Identity { get; }

    /// <summary>Cycles the power-on reset holds the design after configuration.</summary>
    public const int PowerOnCycles = 15;

    public static LinkBoard Generate(AcceleratorSpec spec, LinkOptions options, IModuleInterface accelerator)
    {
        spec.Validate();
        options.Validate();
        var conventions = new DesignConventions(spec.Reset);
        var ports = AcceleratorPorts.Of(accelerator);
        var identity = LinkIdentity.For(spec, options, ports);
        string suffix = $"{spec.Hash[..8]}_{options.Uart.Tag}_p{options.MaxPayload}";
        var rx = UartReceiver.Generate(options.Uart, conventions);
        var tx = UartTransmitter.Generate(options.Uart, conventions);
        var decoder = FrameDecoder.Generate(options, conventions);
        var encoder = FrameEncoder.Generate(options, conventions);
        var engine = CommandEngine.Generate(options, ports, identity, suffix, conventions);

        var m = new ModuleBuilder($"board_{suffix}", conventions);
        m.Comment($"Board top for spec {spec.Hash[..16]}: '{accelerator.Name}' behind a {options.Uart.BaudRate} baud link at {options.Uart.ClockHz} Hz.");
        var clock = m.Clock;
        var resetPin = m.Reset;
        var uartRx = m.Input("uart_rx", 1);
        var uartTx = m.Output("uart_tx", 1);
        var linkIdle = m.Output("link_idle", 1);

        // The reset pin is asynchronous to the clock: two flops before anything uses it. The
        // power-on counter relies on flops starting at 0 after configuration, as FPGAs do.
        bool activeLow = conventions.ResetActiveLow;
        var pinAsserted = activeLow ? ~resetPin : resetPin;
        var meta = m.Registered("reset_meta_q", pinAsserted);
        var synced = m.Registered("reset_sync_q", meta);
        var powerOn = m.Register("power_on_q", 4);
        var powerOnDone = m.Define("power_on_done", powerOn.Eq(PowerOnCycles));
        m.Next(powerOn, powerOn + 1, enable: ~powerOnDone);
        var asserted = m.Define("reset_asserted", synced | ~powerOnDone);
        var reset = m.Define("reset_internal", activeLow ? ~asserted : asserted);

        Signal Wire(string name, IModuleInterface module, string port)
        {
            var wire = m.Wire(name, module.Ports.Single(p => p.Name == port).Type);
            return wire;
        }
        string rstName = conventions.ResetName, clkName = conventions.ClockName;
        Instance Place(string name, IModuleInterface module) => m.Instantiate(name, module).Input(clkName, clock).Input(rstName, reset);

        var rxValid = Wire("rx_valid", rx.Module, "m_axis_tvalid");
        var rxData = Wire("rx_data", rx.Module, "m_axis_tdata");
        var frameError = Wire("rx_frame_error", rx.Module, "frame_error");
        var overrun = Wire("rx_overrun", rx.Module, "overrun");
        Place("u_uart_rx", rx.Module).Input("rx", uartRx).Input("m_axis_tready", Expr.True)
            .Output("m_axis_tvalid", rxValid).Output("m_axis_tdata", rxData).Output("frame_error", frameError).Output("overrun", overrun);

        var bufEn = Wire("buf_wr_en", decoder.Module, "buf_wr_en");
        var bufAddr = Wire("buf_wr_addr", decoder.Module, "buf_wr_addr");
        var bufData = Wire("buf_wr_data", decoder.Module, "buf_wr_data");
        var frameValid = Wire("frame_valid", decoder.Module, "m_axis_tvalid");
        var frameData = Wire("frame_data", decoder.Module, "m_axis_tdata");
        var frameReady = Wire("frame_ready", engine.Module, "frame_ready");
        var junk = Wire("junk_byte", decoder.Module, "junk_byte");
        var dropped = Wire("dropped", decoder.Module, "dropped");
        var hunting = Wire("hunting", decoder.Module, "hunting");
        Place("u_decoder", decoder.Module).Input("s_axis_tvalid", rxValid).Input("s_axis_tdata", rxData).Input("m_axis_tready", frameReady)
            .Output("buf_wr_en", bufEn).Output("buf_wr_addr", bufAddr).Output("buf_wr_data", bufData)
            .Output("m_axis_tvalid", frameValid).Output("m_axis_tdata", frameData).Output("junk_byte", junk).Output("dropped", dropped).Output("hunting", hunting);

        var encValid = Wire("enc_valid", engine.Module, "enc_valid");
        var encReady = Wire("enc_ready", encoder.Module, "start_ready");
        var encType = Wire("enc_type", engine.Module, "enc_type");
        var encSeq = Wire("enc_seq", engine.Module, "enc_seq");
        var encLength = Wire("enc_len", engine.Module, "enc_len");
        var plAddr = Wire("pl_addr", encoder.Module, "pl_addr");
        var plData = Wire("pl_data", engine.Module, "pl_data");
        var txValid = Wire("tx_valid", encoder.Module, "m_axis_tvalid");
        var txData = Wire("tx_data", encoder.Module, "m_axis_tdata");
        var txReady = Wire("tx_ready", tx.Module, "s_axis_tready");
        Place("u_encoder", encoder.Module).Input("start_valid", encValid).Input("start_type", encType).Input("start_seq", encSeq).Input("start_len", encLength)
            .Input("pl_data", plData).Input("m_axis_tready", txReady)
            .Output("start_ready", encReady).Output("pl_addr", plAddr).Output("m_axis_tvalid", txValid).Output("m_axis_tdata", txData);
        Place("u_uart_tx", tx.Module).Input("s_axis_tvalid", txValid).Input("s_axis_tdata", txData).Output("s_axis_tready", txReady).Output("tx", uartTx);

        // The accelerator: its input stream is the engine's m_axis, its output the engine's s_axis.
        var accIn = new Dictionary<string, Signal>();
        foreach (var name in new[] { "cfg_wr_en", "cfg_wr_addr", "cfg_wr_data", "state_reset", "m_axis_tvalid", "m_axis_tdata", "s_axis_tready" })
            accIn[name] = Wire($"engine_{name}", engine.Module, name);
        var accOut = new Dictionary<string, Signal>();
        foreach (var name in new[] { "s_axis_tready", "m_axis_tvalid", "m_axis_tdata", "busy", "design_id" }.Concat(ports.OutputSideband).Concat(ports.Counters))
            accOut[name] = Wire($"acc_{name}", accelerator, name);
        // Sideband bits ride above tdata in the line's beats.
        Expr engineOutput = accOut["m_axis_tdata"];
        if (ports.OutputSideband.Count > 0)
            engineOutput = Expr.Concat(ports.OutputSideband.Reverse().Select(n => (Expr)accOut[n]).Append(accOut["m_axis_tdata"]).ToArray());
        var engineIdle = Wire("engine_idle", engine.Module, "idle");
        // The line's events reach the counters a cycle late: on the UP5K the receiver's bit timer,
        // its byte-done flag and the counters' enables were one 35 ns path. A count is all they feed.
        // No reset of their own (the pin is this module's reset only through the synchronizer):
        // the receiver and decoder hold their pulses low through reset, so these are 0 when the engine leaves it.
        Signal Event(string name, Expr pulse) => m.Registered($"ev_{name}_q", pulse);
        var e = Place("u_engine", engine.Module)
            .Input("frame_valid", frameValid).Input("frame_data", frameData).Input("enc_ready", encReady)
            .Input("buf_wr_en", bufEn).Input("buf_wr_addr", bufAddr).Input("buf_wr_data", bufData)
            .Input("pl_addr", plAddr).Input("design_id", accOut["design_id"]).Input("acc_busy", accOut["busy"])
            .Input("m_axis_tready", accOut["s_axis_tready"]).Input("s_axis_tvalid", accOut["m_axis_tvalid"]).Input("s_axis_tdata", engineOutput)
            .Input("ev_junk", Event("junk", junk)).Input("ev_dropped", Event("dropped", dropped))
            .Input("ev_frame_error", Event("frame_error", frameError)).Input("ev_overrun", Event("overrun", overrun))
            .Output("frame_ready", frameReady).Output("enc_valid", encValid).Output("enc_type", encType).Output("enc_seq", encSeq).Output("enc_len", encLength)
            .Output("pl_data", plData).Output("idle", engineIdle);
        foreach (var name in ports.Counters) e.Input($"acc_{name}", accOut[name]);
        foreach (var (name, wire) in accIn) e.Output(name, wire);
        var beat = accIn["m_axis_tdata"];
        var a = Place("u_accelerator", accelerator)
            .Input("cfg_wr_en", accIn["cfg_wr_en"]).Input("cfg_wr_addr", accIn["cfg_wr_addr"]).Input("cfg_wr_data", accIn["cfg_wr_data"])
            .Input("state_reset", accIn["state_reset"]).Input("s_axis_tvalid", accIn["m_axis_tvalid"])
            .Input("s_axis_tdata", ports.InputSideband.Count == 0 ? beat : beat[ports.InputDataWidth - 1, 0])
            .Input("m_axis_tready", accIn["s_axis_tready"]);
        for (int i = 0; i < ports.InputSideband.Count; i++) a.Input(ports.InputSideband[i], beat[ports.InputDataWidth + i, ports.InputDataWidth + i]);
        foreach (var (name, wire) in accOut) a.Output(name, wire);

        m.Assign(linkIdle, hunting & engineIdle & ~txValid & txReady & ~accOut["busy"]);
        return new LinkBoard(m.Build(), engine, identity);
    }
}
