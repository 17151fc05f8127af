using System.Diagnostics;
using Fpga.Gen.Boards;
using Fpga.Gen.Boards.Constraints;
using Fpga.Gen.Emit;
using Fpga.Host.Diagnostics;

namespace Fpga.Host.Bitstream;

/// <summary>
/// The open iCE40 flow, run here: yosys synth_ice40, nextpnr-ice40 for the board's device and
/// package with its .pcf, icepack. The utilization and timing report is read back; the build
/// fails with one clear message when the design does not fit, misses timing at the clock the
/// PLL gives, or makes yosys warn about something nobody has explained.
/// </summary>
public static class Ice40BitstreamFlow
{
    public const string BitstreamFile = "design.bin";
    public const string ReportFile = "nextpnr-report.json";

    public static BitstreamReport Build(BoardDesign design, string outputDirectory, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(design);
        var board = design.Board;
        if (board.Family != FpgaFamily.Ice40UltraPlus)
            throw new FpgaException($"the open bitstream flow here is for iCE40 boards; {board.Name} is {board.Family}: use the scripts `fpga bitstream` writes for it");

        using var build = new BuildDirectory(outputDirectory);
        var stages = new List<(string, TimeSpan)>();
        var rtl = VerilogEmitter.EmitHierarchy(design.Top);
        foreach (var file in rtl) file.WriteTo(build.Staging);
        string constraints = board.ConstraintFileName;
        build.Write(constraints, ConstraintFile.For(board));

        try
        {
            var clock = Stopwatch.StartNew();
            // -dsp: multipliers go to the SB_MAC16 blocks (the generator keeps them to what the device has).
            string script = $"read_verilog {string.Join(' ', rtl.Select(f => f.FileName))}; synth_ice40 -dsp -top {design.Top.Name} -json design.json; tee -q -o stat.json stat -json";
            var yosys = FlowTool.Run("yosys", ["-l", "yosys.log", "-q", "-p", script], build, "yosys.out.log", cancellation);
            if (yosys.ExitCode != 0) throw new FpgaException($"yosys failed: {FlowTool.Errors(yosys)}");
            var warnings = YosysWarnings.In(File.ReadAllText(build["yosys.log"]));
            var unexplained = YosysWarnings.Unexplained(File.ReadAllText(build["yosys.log"]));
            if (unexplained.Count > 0)
                throw new FpgaException($"yosys warned and nobody has explained why it is harmless: {string.Join("; ", unexplained)}");
            stages.Add(("yosys synth_ice40", clock.Elapsed));
            var overflows = Ice40Capacity.Overflows(board.Device, YosysUtilization.ParseCells(File.ReadAllText(build["stat.json"])));
            if (overflows.Count > 0)
                throw new FpgaException($"the design does not fit the {board.Device}: {string.Join(", ", overflows)} after synthesis");

            clock.Restart();
            string mhz = design.TargetMhz.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
            var nextpnr = FlowTool.Run("nextpnr-ice40", [$"--{board.Device}", "--package", board.Package, "--json", "design.json", "--pcf", constraints,
                "--asc", "design.asc", "--freq", mhz, "--report", ReportFile, "--timing-allow-fail", "-q", "-l", "nextpnr.log"], build, "nextpnr.out.log", cancellation);
            if (nextpnr.ExitCode != 0)
                throw new FpgaException($"nextpnr-ice40 could not place and route the design on the {board.Device}: {FlowTool.Errors(nextpnr)}");
            var placement = NextpnrReport.Parse(File.ReadAllText(build[ReportFile]), ReportFile);
            stages.Add(("nextpnr-ice40", clock.Elapsed));
            foreach (var over in placement.Overused)
                throw new FpgaException($"the design does not fit the {board.Device}: {over.Used} {over.Resource} of {over.Available}");
            foreach (var timing in placement.Clocks.Where(c => !c.Met))
                throw new FpgaException($"the design misses timing: clock {timing.Clock} reaches {timing.AchievedMhz:0.00} MHz, the PLL gives {timing.ConstraintMhz:0.00} MHz");

            clock.Restart();
            var icepack = FlowTool.Run("icepack", ["design.asc", BitstreamFile], build, "icepack.log", cancellation);
            if (icepack.ExitCode != 0) throw new FpgaException($"icepack failed: {FlowTool.Errors(icepack)}");
            stages.Add(("icepack", clock.Elapsed));

            build.Commit();
            return new BitstreamReport(Path.Combine(build.Output, BitstreamFile), placement, design.TargetMhz,
                warnings, stages);
        }
        catch (FpgaException e)
        {
            var logs = build.KeepFailureLogs();
            throw new FpgaException($"{e.Message} (logs in {logs})", e);
        }
    }
}
