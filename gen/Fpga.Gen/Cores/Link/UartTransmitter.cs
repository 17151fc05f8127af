using Fpga.Gen.Hdl;
using Fpga.Gen.Ir;

namespace Fpga.Gen.Cores.Link;

/// <summary>
/// 8N1 transmitter: a byte taken from s_axis goes out as start bit, eight data bits LSB first
/// and a stop bit, each one bit period of the fractional divider (restarted at the start bit,
/// so the first bit is as long as the rest). s_axis_tready rises as the stop bit ends, so
/// bytes follow each other with at most one clock between them: the line runs at its full rate.
/// The pin is driven from a register, so it never glitches.
/// </summary>
public sealed class UartTransmitter
{
    private UartTransmitter(UartOptions options, ModuleIr module)
    {
        Options = options;
        Module = module;
    }

    public UartOptions Options { get; }
    public ModuleIr Module { get; }

    public static UartTransmitter Generate(UartOptions options, DesignConventions? conventions = null)
    {
        options.Validate();
        var m = new ModuleBuilder($"uart_tx_{options.Tag}", conventions);
        m.Comment($"8N1 UART transmitter: {options.ClockHz} Hz clock, {options.BaudRate} baud ({options.ClocksPerBit:0.###} clocks per bit).");
        var sValid = m.Input("s_axis_tvalid", 1);
        var sReady = m.Output("s_axis_tready", 1);
        var sData = m.Input("s_axis_tdata", 8);
        var tx = m.Output("tx", 1);

        var pin = m.Register("tx_q", 1, resetValue: 1);
        var shift = m.Register("shift_q", 9);
        m.Describe(shift, "the data bits still to send, then the stop bit");
        var bitsLeft = m.Register("bits_left_q", 4, resetValue: 0);
        var idle = m.Define("idle", bitsLeft.Eq(0));
        var accept = m.Define("accept", sValid & idle);
        var tick = BaudTicker.Add(m, "bit", options.TransmitDivider, accept);
        var advance = m.Define("advance", tick & ~idle);

        m.Next(pin, Expr.Mux(accept, Expr.False, shift[0]), enable: accept | advance);
        m.Next(shift, Expr.Mux(accept, Expr.Concat(Expr.True, sData), Expr.Concat(Expr.True, shift[8, 1])), enable: accept | advance);
        m.Next(bitsLeft, Expr.Mux(accept, Expr.Const(10, 4), bitsLeft - 1), enable: accept | advance);
        m.Assign(sReady, idle);
        m.Assign(tx, pin);
        return new UartTransmitter(options, m.Build());
    }
}
