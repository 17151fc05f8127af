using System.Numerics;
using Fpga.Gen.Spec;

namespace Fpga.Gen.Cores.Link;

/// <summary>
/// Line timing of the board's UART (8N1). The bit clock is a fractional divider of ClockHz, so
/// any ratio is exact on average (12 MHz / 115200 = 104.17 clocks per bit, with no drift);
/// the receiver samples at <see cref="Oversampling"/> ticks per bit and decides each bit by the
/// majority of the three ticks around its middle.
/// </summary>
public sealed record UartOptions(long ClockHz, long BaudRate, int Oversampling = 16)
{
    /// <summary>The spec's own clock and line rate.</summary>
    public static UartOptions For(AcceleratorSpec spec) => new UartOptions(spec.ClockHz, spec.BaudRate).Validate();

    /// <summary>A fast line for simulation: exactly <paramref name="clocksPerBit"/> clocks per bit.</summary>
    public static UartOptions Fast(int clocksPerBit, int oversampling = 8) => new UartOptions(clocksPerBit, 1, oversampling).Validate();

    public double ClocksPerBit => (double)ClockHz / BaudRate;

    public UartOptions Validate()
    {
        if (ClockHz < 1 || BaudRate < 1)
            throw new SpecValidationException(nameof(ClockHz), $"clock {ClockHz} Hz and baud rate {BaudRate} must both be positive");
        if (Oversampling is < 4 or > 64)
            throw new SpecValidationException(nameof(Oversampling), $"{Oversampling} is outside 4..64 ticks per bit");
        if (ClockHz < (long)BaudRate * Oversampling)
            throw new SpecValidationException(nameof(BaudRate), $"{BaudRate} baud at {Oversampling}x oversampling needs at least {(long)BaudRate * Oversampling} Hz, not {ClockHz}");
        return this;
    }

    /// <summary>The receiver's tick divider: add Increment per clock, tick on passing Modulus.</summary>
    public (long Increment, long Modulus) ReceiveDivider => Reduced(BaudRate * Oversampling, ClockHz);

    /// <summary>The transmitter's bit divider.</summary>
    public (long Increment, long Modulus) TransmitDivider => Reduced(BaudRate, ClockHz);

    /// <summary>A name suffix that tells generated modules of different timing apart.</summary>
    public string Tag => $"c{ClockHz}_b{BaudRate}_o{Oversampling}";

    private static (long, long) Reduced(long increment, long modulus)
    {
        var g = (long)BigInteger.GreatestCommonDivisor(increment, modulus);
        return (increment / g, modulus / g);
    }
}
