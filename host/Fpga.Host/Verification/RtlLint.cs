using Fpga.Host.Diagnostics;
using Fpga.Sim;
using Fpga.Sim.Icarus;
using Fpga.Sim.Verilator;

namespace Fpga.Host.Verification;

/// <summary>The verdict on one module: Verilator -Wall findings and Icarus -g2005 diagnostics.</summary>
public sealed record LintReport(string Top, IReadOnlyList<string> Verilator, IReadOnlyList<string> Icarus)
{
    public bool Clean => Verilator.Count == 0 && Icarus.Count == 0;
}

/// <summary>
/// Lints generated RTL the way the project promises it: `verilator --lint-only -Wall` with no
/// warning and `iverilog -g2005` with no diagnostic. Each top is linted with every file of its
/// directory, so hierarchies resolve.
/// </summary>
public static class RtlLint
{
    public static LintReport Check(IReadOnlyList<string> sources, string top)
    {
        try
        {
            var verilator = VerilatorLint.Run(sources, top).Select(d => d.ToString()).ToArray();
            var output = Path.Combine(Path.GetTempPath(), $"fpga-lint-{Environment.ProcessId}-{Guid.NewGuid():N}.vvp");
            try
            {
                var icarus = IcarusCompile.Run(sources, top, output);
                var diagnostics = icarus.Succeeded ? icarus.Diagnostics : [.. icarus.Diagnostics, $"iverilog exited with {icarus.ExitCode}"];
                return new LintReport(top, verilator, diagnostics);
            }
            finally
            {
                File.Delete(output);
            }
        }
        catch (SimulationException e)
        {
            throw new FpgaException(e.Message, e);
        }
    }

    /// <summary>Every .v file under a directory, each linted as a top with its directory's files.</summary>
    public static IEnumerable<LintReport> CheckTree(string root)
    {
        if (!Directory.Exists(root)) throw new FpgaException($"no such directory: '{root}'");
        foreach (var directory in Directory.GetDirectories(root, "*", SearchOption.AllDirectories).Prepend(root).Order(StringComparer.Ordinal))
        {
            var files = Directory.GetFiles(directory, "*.v").Order(StringComparer.Ordinal).ToArray();
            foreach (var file in files) yield return Check(files, Path.GetFileNameWithoutExtension(file));
        }
    }
}
