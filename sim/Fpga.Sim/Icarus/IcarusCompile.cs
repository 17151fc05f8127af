using Fpga.Sim.Tools;

namespace Fpga.Sim.Icarus;

/// <summary>
/// Compiles with Icarus Verilog in strict Verilog-2005 mode: the check that generated RTL is
/// plain Verilog, not something only Verilator accepts.
/// </summary>
public static class IcarusCompile
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    /// <param name="outputPath">Where the vvp program goes; the caller owns the file.</param>
    /// <exception cref="SimulationException">iverilog is missing or did not finish in time.</exception>
    public static IcarusCompileResult Run(
        IReadOnlyList<string> sources,
        string topModule,
        string outputPath,
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
        var iverilog = (tools ?? ToolLocator.Default).ResolveIverilog();
        var output = Path.GetFullPath(outputPath);
        List<string> arguments = ["-g2005", "-o", output, "-s", topModule, .. extraFlags ?? [], .. sources.Select(Path.GetFullPath)];
        var result = ProcessRunner.Run(iverilog, arguments, null, timeout ?? DefaultTimeout, cancellation);
        var diagnostics = result.CombinedOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToList();
        return new IcarusCompileResult(result.ExitCode == 0 && File.Exists(output), result.ExitCode, diagnostics, output);
    }
}
