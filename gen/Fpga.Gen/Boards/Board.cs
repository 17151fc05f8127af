using Fpga.Gen.Boards.Clocking;

namespace Fpga.Gen.Boards;

/// <summary>
/// A supported board: its FPGA, its oscillator, and the pins the generated board top uses
/// (oscillator, reset button, the UART to the host's USB bridge, status LEDs), each checked
/// against <see cref="PinSource"/>.
/// </summary>
public sealed record Board(
    string Name,
    string Title,
    FpgaFamily Family,
    string Device,
    string Package,
    long OscillatorHz,
    string IoStandard,
    string PinSource,
    IReadOnlyList<BoardPin> Pins,
    long DefaultClockHz)
{
    public BoardPin Oscillator => Pins.Single(p => p.Role == PinRole.Oscillator);
    public BoardPin ResetButton => Pins.Single(p => p.Role == PinRole.ResetButton);
    public BoardPin UartRx => Pins.Single(p => p.Role == PinRole.UartRx);
    public BoardPin UartTx => Pins.Single(p => p.Role == PinRole.UartTx);
    public IReadOnlyList<BoardPin> Leds => Pins.Where(p => p.Role == PinRole.Led).ToArray();

    /// <summary>The PLL or MMCM settings that turn the oscillator into <paramref name="requestedHz"/>; none when they are equal.</summary>
    public ClockPlan PlanClock(long requestedHz) => requestedHz == OscillatorHz ? new DirectClockPlan(OscillatorHz) : Family switch
    {
        FpgaFamily.Ice40UltraPlus => Ice40PllPlan.For(OscillatorHz, requestedHz),
        FpgaFamily.Ecp5 => Ecp5PllPlan.For(OscillatorHz, requestedHz),
        FpgaFamily.Artix7 => Artix7MmcmPlan.For(OscillatorHz, requestedHz),
        _ => throw new ArgumentOutOfRangeException(nameof(requestedHz), Family, "unknown family"),
    };

    /// <summary>The constraint file's name in constraints/.</summary>
    public string ConstraintFileName => Name + Family switch
    {
        FpgaFamily.Ice40UltraPlus => ".pcf",
        FpgaFamily.Ecp5 => ".lpf",
        _ => ".xdc",
    };
}
