using Fpga.Host.Diagnostics;
using Fpga.Host.Testbench;
using Fpga.Sim;
using Fpga.Sim.Icarus;
using Fpga.Sim.Tools;

namespace Fpga.Host.Bitstream;

/// <summary>
/// Gate-level simulation of an accelerator as the iCE40 flow maps it: yosys synth_ice40 -dsp
/// (flattened; SB_MAC16, SB_RAM40_4K and SB_SPRAM256KA as the build places them) written back as
/// Verilog and run under Icarus, with yosys's own cell models, in the generated self-checking
/// bench. RTL simulation cannot see a synthesis error: yosys 0.23 once dropped the register
/// between two SB_MAC16s of a matrix-vector unit, and with it a coefficient memory.
/// </summary>
public static class Ice40NetlistBench
{
    public const string NetlistFile = "netlist.v";
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(20);

    /// <summary>Synthesizes the bench's device from the RTL one directory above <paramref name="benchDirectory"/> and runs the bench on the netlist.</summary>
    public static IcarusRunResult Run(GeneratedTestbench bench, string benchDirectory, string top, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(bench);
        string rtlDirectory = Path.GetFullPath(Path.Combine(benchDirectory, ".."));
        string yosys = Tool("yosys");
        string script = $"read_verilog {string.Join(' ', bench.DutFiles)}; synth_ice40 -dsp -top {top}; write_verilog -noattr {NetlistFile}";
        var synthesis = ProcessRunner.Run(yosys, ["-q", "-p", script], rtlDirectory, Timeout, cancellation);
        if (synthesis.ExitCode != 0)
            throw new FpgaException($"yosys synth_ice40 of {top} failed: {OutputTail.Of(synthesis.CombinedOutput, 5).Trim()}");
        // yosys installs its cell models beside its techmap files: <prefix>/share/yosys/ice40.
        string cells = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(yosys)!, "..", "share", "yosys", "ice40", "cells_sim.v"));
        if (!File.Exists(cells)) throw new FpgaException($"yosys's iCE40 cell models are not at {cells}");
        string[] sources = [Path.Combine(benchDirectory, bench.BenchFile), Path.Combine(rtlDirectory, NetlistFile), cells];
        // Without the define the models give ports default values, which Verilog-2005 does not have.
        return IcarusBench.Run(sources, bench.Top, workingDirectory: benchDirectory, timeout: Timeout, cancellation: cancellation,
            compileFlags: ["-DNO_ICE40_DEFAULT_ASSIGNMENTS"]);
    }

    private static string Tool(string name)
    {
        try
        {
            return ToolLocator.Resolve(name, name);
        }
        catch (SimulationException e)
        {
            throw new FpgaException(e.Message, e);
        }
    }
}
