using Fpga.Sim.Tools;

namespace Fpga.Sim.Icarus;

/// <summary>
/// Runs a self-checking Verilog testbench under Icarus: compile with iverilog -g2005, run with
/// vvp. The testbench decides pass or fail through its output and exit status ($fatal, $finish).
/// </summary>
public static class IcarusBench
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    /// <param name="plusArgs">Passed to the simulation ($test$plusargs); each starts with '+'.</param>
    /// <param name="compileFlags">More iverilog flags, for example a -D define.</param>
    /// <param name="workingDirectory">Where relative paths in the testbench ($readmemh, $fopen) resolve; null is the current directory.</param>
    /// <exception cref="SimulationException">A tool is missing, the sources do not compile (with iverilog's messages), or the run timed out.</exception>
    public static IcarusRunResult Run(
        IReadOnlyList<string> sources,
        string topModule,
        IReadOnlyList<string>? plusArgs = null,
        string? workingDirectory = null,
        ToolLocator? tools = null,
        TimeSpan? timeout = null,
        CancellationToken cancellation = default,
        IReadOnlyList<string>? compileFlags = null)
    {
        tools ??= ToolLocator.Default;
        var vvp = tools.ResolveVvp();
        foreach (var plusArg in plusArgs ?? [])
        {
            if (!plusArg.StartsWith('+'))
            {
                throw new ArgumentException($"plusarg '{plusArg}' does not start with '+'", nameof(plusArgs));
            }
        }
        var programDirectory = Directory.CreateTempSubdirectory("fpga-icarus-");
        try
        {
            var program = Path.Combine(programDirectory.FullName, topModule + ".vvp");
            var compiled = IcarusCompile.Run(sources, topModule, program, extraFlags: compileFlags, tools: tools, timeout: timeout, cancellation: cancellation);
            if (!compiled.Succeeded)
            {
                throw new SimulationException($"iverilog -g2005 could not compile '{topModule}' (exit code {compiled.ExitCode})"
                    + OutputTail.Section("iverilog output", string.Join('\n', compiled.Diagnostics)));
            }
            // -n: $stop ends the run instead of opening vvp's interactive prompt, which would wait forever.
            List<string> arguments = ["-n", program, .. plusArgs ?? []];
            var run = ProcessRunner.Run(vvp, arguments, workingDirectory, timeout ?? DefaultTimeout, cancellation);
            return new IcarusRunResult(run.ExitCode, run.StandardOutput, run.StandardError, run.Elapsed);
        }
        finally
        {
            programDirectory.Delete(recursive: true);
        }
    }
}
