namespace Fpga.Gen.Boards;

/// <summary>
/// The boards the toolchain builds for. Every site was checked against the board maker's own
/// constraint file or schematic, named in <see cref="Board.PinSource"/>; the schematic net
/// name beside each pin is the one printed there.
/// </summary>
public static class SupportedBoards
{
    public static readonly Board IceBreaker = new(
        "icebreaker", "1BitSquared iCEBreaker v1.0", FpgaFamily.Ice40UltraPlus, "up5k", "sg48", 12_000_000, "SB_LVCMOS",
        "iCEBreaker v1.0e schematic and icestorm examples/icebreaker/icebreaker.pcf",
        [
            new("clk_osc", "35", PinRole.Oscillator, "CLK (12 MHz oscillator)"),
            new("reset_button", "10", PinRole.ResetButton, "BTN_N (user button)", ActiveLow: true),
            new("uart_rx", "6", PinRole.UartRx, "RX (FT2232H channel B TXD)"),
            new("uart_tx", "9", PinRole.UartTx, "TX (FT2232H channel B RXD)"),
            new("led[0]", "11", PinRole.Led, "LEDR_N (red)", ActiveLow: true),
            new("led[1]", "37", PinRole.Led, "LEDG_N (green)", ActiveLow: true),
        ],
        // 12 MHz x 64 / 16, exact.
        DefaultClockHz: 48_000_000);

    public static readonly Board Ulx3s = new(
        "ulx3s", "Radiona ULX3S (LFE5U-85F)", FpgaFamily.Ecp5, "85k", "CABGA381", 25_000_000, "LVCMOS33",
        "emard/ulx3s doc/constraints/ulx3s_v20.lpf and the ULX3S v3.0.x schematic",
        [
            new("clk_osc", "G2", PinRole.Oscillator, "clk_25mhz"),
            new("reset_button", "D6", PinRole.ResetButton, "BTN_PWRn (btn[0])", ActiveLow: true, Pull: "UP"),
            new("uart_rx", "M1", PinRole.UartRx, "ftdi_txd (FT231X TXD)", Pull: "UP"),
            new("uart_tx", "L4", PinRole.UartTx, "ftdi_rxd (FT231X RXD)", Pull: "UP"),
            new("led[0]", "B2", PinRole.Led, "led[0]"),
            new("led[1]", "C2", PinRole.Led, "led[1]"),
            new("led[2]", "C1", PinRole.Led, "led[2]"),
            new("led[3]", "D2", PinRole.Led, "led[3]"),
        ],
        DefaultClockHz: 50_000_000);

    public static readonly Board ArtyA7 = new(
        "arty-a7-35t", "Digilent Arty A7-35T", FpgaFamily.Artix7, "xc7a35ticsg324-1L", "csg324", 100_000_000, "LVCMOS33",
        "Digilent digilent-xdc Arty-A7-35-Master.xdc and the Arty A7 reference manual",
        [
            new("clk_osc", "E3", PinRole.Oscillator, "gclk[100] (CLK100MHZ)"),
            new("reset_button", "C2", PinRole.ResetButton, "ck_rst (RESET button)", ActiveLow: true),
            new("uart_rx", "A9", PinRole.UartRx, "uart_txd_in (FT2232HQ channel B TXD)"),
            new("uart_tx", "D10", PinRole.UartTx, "uart_rxd_out (FT2232HQ channel B RXD)"),
            new("led[0]", "H5", PinRole.Led, "led[0] (LD4)"),
            new("led[1]", "J5", PinRole.Led, "led[1] (LD5)"),
            new("led[2]", "T9", PinRole.Led, "led[2] (LD6)"),
            new("led[3]", "T10", PinRole.Led, "led[3] (LD7)"),
        ],
        DefaultClockHz: 100_000_000);

    public static IReadOnlyList<Board> All { get; } = [IceBreaker, Ulx3s, ArtyA7];

    public static Board ByName(string name) =>
        All.SingleOrDefault(b => string.Equals(b.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown board '{name}'; supported: {string.Join(", ", All.Select(b => b.Name))}", nameof(name));
}
