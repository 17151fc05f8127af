using System.CommandLine;
using Fpga.Cli.BoardLink;
using Fpga.Host.Diagnostics;
using Fpga.Host.Link;

namespace Fpga.Cli.Commands;

/// <summary>The options of the Verilated board, shared by `fpga sim`, `fpga run --sim` and `fpga demo`.</summary>
internal sealed class SimulatorOptions
{
    private readonly int _defaultClocksPerBit;

    public SimulatorOptions(int defaultClocksPerBit = SimulatedBoard.DefaultClocksPerBit)
    {
        _defaultClocksPerBit = defaultClocksPerBit;
        ClocksPerBit = new Option<int?>("--clocks-per-bit") { Description = $"Clocks a bit on the simulated line (default {defaultClocksPerBit}; at least 8)." };
    }

    public Option<string?> Work { get; } = new("--work") { Description = "Directory for the board's RTL (default: a temporary one)." };
    public Option<string?> Trace { get; } = new("--trace") { Description = "Write a waveform of the board: FILE.fst or FILE.vcd (slow)." };
    public Option<long> MaxCycles { get; } = new("--max-cycles") { Description = "Stop the simulated board after this many clock cycles (0: no limit)." };
    public Option<bool> TrueBaud { get; } = new("--true-baud") { Description = "Simulate the line at the spec's own clock-to-baud ratio (slow: about 104 clocks a bit)." };
    public Option<int?> ClocksPerBit { get; }

    public void AddTo(Command command)
    {
        command.Add(Work);
        command.Add(Trace);
        command.Add(MaxCycles);
        command.Add(TrueBaud);
        command.Add(ClocksPerBit);
    }

    /// <summary>Whether any of these options was given (they mean nothing for a real port).</summary>
    public bool AnyGiven(ParseResult parse) =>
        new Option[] { Work, Trace, MaxCycles, TrueBaud, ClocksPerBit }.Any(o => parse.GetResult(o) is { Implicit: false });

    public SimulatorSettings Read(ParseResult parse)
    {
        bool trueBaud = parse.GetValue(TrueBaud);
        int? clocksPerBit = parse.GetValue(ClocksPerBit);
        if (trueBaud && clocksPerBit is not null) throw new FpgaException("give --true-baud or --clocks-per-bit, not both");
        if (clocksPerBit is < 8) throw new FpgaException($"--clocks-per-bit {clocksPerBit}: the receiver samples 8 times a bit, so at least 8");
        var trace = parse.GetValue(Trace);
        if (trace is not null && !trace.EndsWith(".fst", StringComparison.OrdinalIgnoreCase) && !trace.EndsWith(".vcd", StringComparison.OrdinalIgnoreCase))
            throw new FpgaException($"--trace {trace}: the waveform must be .fst or .vcd");
        long maxCycles = parse.GetValue(MaxCycles);
        if (maxCycles < 0) throw new FpgaException("--max-cycles must not be negative");
        return new SimulatorSettings(parse.GetValue(Work), trace, maxCycles, trueBaud ? null : clocksPerBit ?? _defaultClocksPerBit);
    }
}
