namespace Fpga.Sim.Icarus;

/// <summary>What a vvp run printed and how it ended.</summary>
public sealed record IcarusRunResult(int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed);
