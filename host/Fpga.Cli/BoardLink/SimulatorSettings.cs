using Fpga.Gen.Cores.Link;
using Fpga.Gen.Spec;
using Fpga.Host.Link;

namespace Fpga.Cli.BoardLink;

/// <summary>
/// How to run the Verilated board: where its RTL goes (a temporary directory when null), an
/// optional waveform, a cycle limit, and the line's clocks per bit (null: the spec's true
/// clock-to-baud ratio).
/// </summary>
internal sealed record SimulatorSettings(string? WorkDirectory, string? TracePath, long MaxCycles, int? ClocksPerBit)
{
    public LinkOptions Link(AcceleratorSpec spec) => SimulatedBoard.LinkFor(spec, ClocksPerBit);

    /// <summary>The ratio in words, for what the commands print.</summary>
    public string Describe(AcceleratorSpec spec) => ClocksPerBit is { } n
        ? $"{n} clocks a bit (the board runs {(double)spec.ClockHz / spec.BaudRate:0.##} at {spec.ClockHz / 1e6:0.##} MHz and {spec.BaudRate} baud)"
        : $"the true ratio, {(double)spec.ClockHz / spec.BaudRate:0.##} clocks a bit ({spec.ClockHz / 1e6:0.##} MHz, {spec.BaudRate} baud)";
}
