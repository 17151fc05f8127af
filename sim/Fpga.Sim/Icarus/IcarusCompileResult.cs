namespace Fpga.Sim.Icarus;

/// <summary>
/// The outcome of `iverilog -g2005`. <see cref="Diagnostics"/> holds every line iverilog printed
/// (errors and warnings alike; it has no stable code per message), so "compiles cleanly" is
/// <see cref="Succeeded"/> with no diagnostics.
/// </summary>
public sealed record IcarusCompileResult(bool Succeeded, int ExitCode, IReadOnlyList<string> Diagnostics, string OutputPath)
{
    public bool IsClean => Succeeded && Diagnostics.Count == 0;
}
