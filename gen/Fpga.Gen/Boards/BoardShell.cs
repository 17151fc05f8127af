using Fpga.Gen.Boards.Clocking;
using Fpga.Gen.Hdl;
using Fpga.Gen.Ir;

namespace Fpga.Gen.Boards;

/// <summary>
/// The board's top module, whose ports are exactly the pins in constraints/: the oscillator
/// through the clock generator, the reset button and the PLL lock through the reset
/// synchronizer, the UART pins straight to the core, and the core's status bits to the LEDs
/// (inverted where the board wires them active low). Holds no logic of its own, so every
/// register of the design is in one clock domain, the generated clock's.
///
/// The core must have ports clk, the design's reset (rst or rst_n), uart_rx in and uart_tx
/// out; its other outputs (status flags such as link_idle), in port order, drive the LEDs from
/// bit 0 up.
/// </summary>
public static class BoardShell
{
    public static ModuleIr Generate(Board board, IModuleInterface core, ModuleIr clockGenerator, ModuleIr resetSynchronizer, DesignConventions conventions)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(core);
        ArgumentNullException.ThrowIfNull(conventions);
        PortSpec CorePort(string name, PortDirection direction) =>
            core.Ports.SingleOrDefault(p => p.Name == name && p.Direction == direction)
            ?? throw new ArgumentException($"the core '{core.Name}' has no {direction.ToString().ToLowerInvariant()} port '{name}' for the board shell", nameof(core));
        CorePort(conventions.ClockName, PortDirection.Input);
        CorePort(conventions.ResetName, PortDirection.Input);
        CorePort("uart_rx", PortDirection.Input);
        CorePort("uart_tx", PortDirection.Output);
        var statusPorts = core.Ports.Where(p => p.Direction == PortDirection.Output && p.Name != "uart_tx").ToArray();

        var m = new ModuleBuilder($"{VerilogIdentifier.Sanitize(board.Name)}_top", conventions);
        m.Comment($"{board.Title} ({board.Device} {board.Package}): {core.Name} behind the board's clock, reset button, UART and LEDs.");
        var oscillator = m.Input(board.Oscillator.Port, 1);
        var button = m.Input(board.ResetButton.Port, 1);
        var rx = m.Input(board.UartRx.Port, 1);
        var tx = m.Output(board.UartTx.Port, 1);
        var leds = board.Leds;
        var led = m.Output("led", leds.Count);

        var clk = m.Wire("clk", 1);
        var locked = m.Wire("pll_locked", 1);
        m.Instantiate("u_clock", clockGenerator).Input("clk_osc", oscillator).Output("clk", clk).Output("locked", locked);

        var pressed = board.ResetButton.ActiveLow ? ~button : (Expr)button;
        var reset = m.Wire(conventions.ResetName, 1);
        m.Instantiate("u_reset", resetSynchronizer).Input(conventions.ClockName, clk).Input("request", pressed | ~locked)
            .Output(resetSynchronizer.Ports.Single(p => p.Direction == PortDirection.Output).Name, reset);

        var uartTx = m.Wire("core_uart_tx", 1);
        var core_ = m.Instantiate("u_core", core).Input(conventions.ClockName, clk).Input(conventions.ResetName, reset)
            .Input("uart_rx", rx).Output("uart_tx", uartTx);
        m.Assign(tx, uartTx);

        var statusBits = new List<Expr>();
        foreach (var port in statusPorts)
        {
            bool shown = statusBits.Count + port.Type.Width <= leds.Count;
            var wire = shown ? m.Wire($"core_{port.Name}", port.Type) : m.Unread($"core_{port.Name}", port.Type, $"unused: the {board.Name} has no LED left for it");
            core_.Output(port.Name, wire);
            if (!shown) continue;
            for (int b = 0; b < port.Type.Width; b++) statusBits.Add(port.Type.Width == 1 ? wire : wire[b]);
        }
        var bits = new Expr[leds.Count];
        for (int i = 0; i < leds.Count; i++)
        {
            Expr on = i < statusBits.Count ? statusBits[i] : Expr.False;
            bits[i] = leds[i].ActiveLow ? ~on : on;
        }
        m.Assign(led, bits.Length == 1 ? bits[0] : Expr.Concat(bits.Reverse().ToArray()));
        return m.Build();
    }
}
