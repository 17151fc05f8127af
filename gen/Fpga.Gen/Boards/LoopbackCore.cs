using Fpga.Gen.Hdl;
using Fpga.Gen.Ir;

namespace Fpga.Gen.Boards;

/// <summary>
/// The bring-up core: the UART line registered straight back to the host, and a free-running
/// counter whose top bits blink the LEDs. Flashed first on a new board, it proves the clock plan,
/// the reset button and the UART pins before the accelerator goes on; it is also what the
/// shell, constraint and flow tests build, in seconds.
/// </summary>
public static class LoopbackCore
{
    public static ModuleIr Generate(DesignConventions conventions, int counterBits = 24, int statusBits = 2)
    {
        var m = new ModuleBuilder("loopback_core", conventions);
        m.Comment("Bring-up core: UART loopback, and a counter blinking the status LEDs (about 1 Hz at tens of MHz with 24 bits).");
        var rx = m.Input("uart_rx", 1);
        var tx = m.Output("uart_tx", 1);
        var status = m.Output("status", statusBits);
        _ = m.Reset;
        var echo = m.Register("echo_q", 1, resetValue: 1);
        m.Next(echo, rx);
        var counter = m.Register("counter_q", counterBits, resetValue: 0);
        m.Next(counter, counter + 1);
        m.Assign(tx, echo);
        m.Assign(status, counter[counterBits - 1, counterBits - statusBits]);
        return m.Build();
    }
}
