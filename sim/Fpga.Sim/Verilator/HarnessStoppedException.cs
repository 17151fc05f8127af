namespace Fpga.Sim.Verilator;

/// <summary>
/// Internal signal from <see cref="HarnessProcess"/> that the harness no longer takes commands;
/// <see cref="VerilatorSimulation"/> turns it into the one <see cref="SimulationException"/> a
/// user sees, with the harness's stderr.
/// </summary>
internal sealed class HarnessStoppedException(string reason) : Exception(reason)
{
    public const string ErrorPrefix = "error ";

    public static HarnessStoppedException Rejected(string errorLine) =>
        new($"the harness rejected a command: {errorLine[ErrorPrefix.Length..]}");
}
