using Fpga.Sim.Tools;

namespace Fpga.Sim.Verilator;

/// <summary>What a self-checking bench built with `verilator --binary` printed, and how long the build and the run took.</summary>
public sealed record VerilatorBenchResult(int ExitCode, string StandardOutput, string StandardError, TimeSpan BuildTime, TimeSpan RunTime);

/// <summary>
/// Builds a self-checking Verilog testbench into a stand-alone executable with
/// `verilator --binary` and runs it, the counterpart of <see cref="Icarus.IcarusBench"/>. The
/// testbench decides pass or fail through what it prints.
/// </summary>
public static class VerilatorBinaryBench
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The flags a bench is built with: --timing because a testbench waits on delays and clock
    /// edges, -Wall because a bench is held to the same lint as the design (warnings are fatal
    /// in a Verilator build, so a bench that builds is lint-clean).
    /// </summary>
    public static readonly IReadOnlyList<string> Flags = ["--binary", "--timing", "-Wall"];

    /// <param name="workingDirectory">Where the bench runs: relative $readmemh paths resolve there.</param>
    /// <exception cref="SimulationException">Verilator is missing, the build failed (with its messages), or a step timed out.</exception>
    public static VerilatorBenchResult Run(
        IReadOnlyList<string> sources,
        string topModule,
        string workingDirectory,
        ToolLocator? tools = null,
        TimeSpan? timeout = null,
        CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topModule);
        if (sources.Count == 0) throw new ArgumentException("at least one Verilog source is needed", nameof(sources));
        var verilator = (tools ?? ToolLocator.Default).ResolveVerilator();
        var build = Directory.CreateTempSubdirectory("fpga-verilator-bench-");
        try
        {
            List<string> arguments = [.. Flags, "--top-module", topModule, "--Mdir", build.FullName, "-o", topModule, .. sources.Select(Path.GetFullPath)];
            var compiled = ProcessRunner.Run(verilator, arguments, null, timeout ?? DefaultTimeout, cancellation);
            var executable = Path.Combine(build.FullName, topModule);
            if (compiled.ExitCode != 0 || !File.Exists(executable))
                throw new SimulationException($"verilator --binary could not build '{topModule}' (exit code {compiled.ExitCode})"
                    + OutputTail.Section("verilator output", compiled.CombinedOutput));
            var run = ProcessRunner.Run(executable, [], workingDirectory, timeout ?? DefaultTimeout, cancellation);
            return new VerilatorBenchResult(run.ExitCode, run.StandardOutput, run.StandardError, compiled.Elapsed, run.Elapsed);
        }
        finally
        {
            build.Delete(recursive: true);
        }
    }
}
