using System.Collections.Concurrent;
using Fpga.Sim.Tools;

namespace Fpga.Sim.Verilator;

/// <summary>`verilator --version`, asked once per executable per process: it is part of every cache key.</summary>
internal static class VerilatorVersion
{
    private static readonly ConcurrentDictionary<string, string> Known = new(StringComparer.Ordinal);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static string Of(string verilatorPath, CancellationToken cancellation) =>
        Known.GetOrAdd(verilatorPath, path =>
        {
            var result = ProcessRunner.Run(path, ["--version"], null, Timeout, cancellation);
            if (result.ExitCode != 0)
            {
                throw new SimulationException($"'{path} --version' failed with exit code {result.ExitCode}"
                    + OutputTail.Section("output", result.CombinedOutput));
            }
            return result.StandardOutput.Trim();
        });
}
