using Fpga.Sim.Tools;

namespace Fpga.Sim.Verilator;

/// <summary>
/// `verilator --lint-only -Wall`: every warning Verilator can give, as data, so a test can assert
/// that generated RTL is clean and show exactly what is not.
/// </summary>
public static class VerilatorLint
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    /// <returns>Every warning and error; empty for a clean design.</returns>
    /// <exception cref="SimulationException">Verilator is missing, or failed without saying why in a diagnostic.</exception>
    public static IReadOnlyList<VerilatorDiagnostic> Run(
        IReadOnlyList<string> sources,
        string topModule,
        IReadOnlyList<string>? extraFlags = null,
        ToolLocator? tools = null,
        TimeSpan? timeout = null,
        CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topModule);
        if (sources.Count == 0)
        {
            throw new ArgumentException("at least one Verilog source is needed", nameof(sources));
        }
        var verilator = (tools ?? ToolLocator.Default).ResolveVerilator();
        List<string> arguments = ["--lint-only", "-Wall", "--top-module", topModule, .. extraFlags ?? [], .. sources.Select(Path.GetFullPath)];
        var result = ProcessRunner.Run(verilator, arguments, null, timeout ?? DefaultTimeout, cancellation);
        var diagnostics = VerilatorDiagnosticParser.Parse(result.CombinedOutput);
        if (result.ExitCode != 0 && diagnostics.Count == 0)
        {
            throw new SimulationException($"verilator --lint-only exited with code {result.ExitCode} without a diagnostic"
                + OutputTail.Section("output", result.CombinedOutput));
        }
        return diagnostics;
    }
}
