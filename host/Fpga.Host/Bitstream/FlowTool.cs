using Fpga.Host.Diagnostics;
using Fpga.Sim;
using Fpga.Sim.Tools;

namespace Fpga.Host.Bitstream;

/// <summary>Runs one tool of a flow in the build directory, its output kept as a log.</summary>
internal static class FlowTool
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(30);

    public static ProcessResult Run(string tool, IEnumerable<string> arguments, BuildDirectory build, string log, CancellationToken cancellation)
    {
        string executable;
        try
        {
            executable = ToolLocator.Resolve(tool, tool);
        }
        catch (SimulationException e)
        {
            throw new FpgaException(e.Message, e);
        }
        var result = ProcessRunner.Run(executable, arguments, build.Staging, Timeout, cancellation);
        File.WriteAllText(build[log], result.CombinedOutput);
        return result;
    }

    /// <summary>The tool's ERROR lines, or the tail of its output when it printed none.</summary>
    public static string Errors(ProcessResult result)
    {
        var lines = result.CombinedOutput.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("ERROR", StringComparison.Ordinal)).Distinct().ToArray();
        return lines.Length > 0 ? string.Join("; ", lines) : OutputTail.Of(result.CombinedOutput, 5).Trim();
    }
}
