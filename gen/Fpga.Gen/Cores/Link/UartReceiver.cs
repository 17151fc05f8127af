using Fpga.Gen.Hdl;
using Fpga.Gen.Ir;

namespace Fpga.Gen.Cores.Link;

/// <summary>
/// 8N1 receiver. The pin passes a two-flop synchronizer; a falling edge on an idle line
/// restarts the tick divider, so every sample is placed relative to that edge. Each bit is
/// decided by the majority of the three ticks around its middle (a glitch shorter than one
/// tick never decides a bit); the start bit is validated the same way at mid-bit (a short low
/// glitch is no start), and a low stop bit is a framing error: the byte is dropped and the
/// receiver waits for the line to go high before hunting for the next start bit.
/// The receiver returns to idle at the middle of the stop bit, so a sender up to about 4%
/// fast or slow still lines up.
///
/// m_axis has a one-byte holding register; the line cannot wait, so a byte arriving while it
/// is still full replaces it and pulses overrun.
/// </summary>
public sealed class UartReceiver
{
    private UartReceiver(UartOptions options, ModuleIr module)
    {
        Options = options;
        Module = module;
    }

    public UartOptions Options { get; }
    public ModuleIr Module { get; }

    public static UartReceiver Generate(UartOptions options, DesignConventions? conventions = null)
    {
        options.Validate();
        int n = options.Oversampling, mid = n / 2;
        var m = new ModuleBuilder($"uart_rx_{options.Tag}", conventions);
        m.Comment($"8N1 UART receiver: {options.ClockHz} Hz clock, {options.BaudRate} baud ({options.ClocksPerBit:0.###} clocks per bit), {n} ticks per bit.");
        m.Comment($"Bits are the majority of ticks {mid - 1}, {mid}, {mid + 1} of {n} after the start edge; a low stop bit drops the byte.");
        var rx = m.Input("rx", 1);
        var mValid = m.Output("m_axis_tvalid", 1);
        var mReady = m.Input("m_axis_tready", 1);
        var mData = m.Output("m_axis_tdata", 8);
        var frameError = m.Output("frame_error", 1);
        var overrun = m.Output("overrun", 1);

        // Two flops against metastability; the line idles high, so they reset high.
        var meta = m.Registered("rx_meta_q", rx, resetValue: 1);
        var line = m.Registered("rx_sync_q", meta, resetValue: 1);

        const int Idle = 0, Receive = 1, WaitHigh = 2;
        var state = m.Register("state_q", 2, resetValue: Idle);
        var tickCount = m.Register("tick_count_q", BitWidth.ForUnsigned(n - 1), resetValue: 0);
        var bitIndex = m.Register("bit_index_q", 4, resetValue: 0);
        var samples = m.Register("samples_q", 2);
        var data = m.Register("data_q", 8);
        var outValid = m.Register("out_valid_q", 1, resetValue: 0);
        var outData = m.Register("out_data_q", 8);

        var startEdge = m.Define("start_edge", state.Eq(Idle) & ~line);
        var tick = BaudTicker.Add(m, "sample", options.ReceiveDivider, startEdge);
        var rxTick = m.Define("rx_tick", state.Eq(Receive) & tick);
        var tickNext = m.Define("tick_next", Expr.Mux(tickCount.Eq(n - 1), Expr.Zero(tickCount.Type), tickCount + 1));
        var sampling = m.Define("sampling", rxTick & tickNext.Ge(Expr.Const(mid - 1, tickCount.Width)) & tickNext.Le(Expr.Const(mid + 1, tickCount.Width)));
        var decide = m.Define("decide", rxTick & tickNext.Eq(mid + 1));
        var majority = m.Define("majority", (samples[1] & samples[0]) | (samples[1] & line) | (samples[0] & line));
        var isStart = m.Define("is_start_bit", bitIndex.Eq(0));
        var isStop = m.Define("is_stop_bit", bitIndex.Eq(9));
        var falseStart = m.Define("false_start", decide & isStart & majority);
        var byteDone = m.Define("byte_done", decide & isStop & majority);
        var badStop = m.Define("bad_stop", decide & isStop & ~majority);

        m.Next(state, Expr.Mux(startEdge, Expr.Const(Receive, 2),
            Expr.Mux(falseStart | byteDone, Expr.Const(Idle, 2),
            Expr.Mux(badStop, Expr.Const(WaitHigh, 2),
            Expr.Mux(state.Eq(WaitHigh) & line, Expr.Const(Idle, 2), state)))));
        m.Next(tickCount, Expr.Mux(startEdge, Expr.Zero(tickCount.Type), tickNext), enable: startEdge | rxTick);
        m.Next(bitIndex, Expr.Mux(startEdge, Expr.Zero(bitIndex.Type), bitIndex + 1), enable: startEdge | (rxTick & tickNext.Eq(0)));
        m.Next(samples, Expr.Concat(samples[0], line), enable: sampling);
        m.Next(data, Expr.Concat(majority, data[7, 1]), enable: decide & ~isStart & ~isStop);
        m.Next(outValid, byteDone | (outValid & ~mReady));
        m.Next(outData, data, enable: byteDone);
        m.Assign(mValid, outValid);
        m.Assign(mData, outData);
        m.Assign(frameError, badStop);
        m.Assign(overrun, byteDone & outValid & ~mReady);
        return new UartReceiver(options, m.Build());
    }
}
