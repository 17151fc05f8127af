using System.CommandLine;
using System.Globalization;
using Fpga.Gen.Boards;
using Fpga.Gen.Boards.Constraints;
using Fpga.Gen.Emit;
using Fpga.Host.Bitstream;
using Fpga.Host.Diagnostics;
using Fpga.Host.Generation;

namespace Fpga.Cli.Commands;

/// <summary>
/// `fpga bitstream --board B`: a flashable file for the iCEBreaker (the open flow runs here), or
/// the RTL, constraints and build script for a board whose vendor flow runs on the user's machine,
/// with a yosys utilization report.
/// </summary>
public static class BitstreamCommand
{
    public static Command Create(CliConsole console)
    {
        var boardName = new Option<string>("--board") { Description = $"Target board: {string.Join(", ", SupportedBoards.All.Select(b => b.Name))}.", DefaultValueFactory = _ => SupportedBoards.IceBreaker.Name };
        var output = new Option<string>("--output", "-o") { Description = "Directory for the bitstream (or scripts), RTL, constraints and reports.", Required = true };
        var loopback = new Option<bool>("--loopback") { Description = "Build the bring-up design: UART loopback and blinking LEDs." };
        var mhz = new Option<double?>("--freq") { Description = "Design clock in MHz for --loopback (default: the board's, reached exactly by its PLL)." };
        var config = new Option<string?>("--config") { Description = "An accelerator spec (JSON): its accelerator behind the UART link, clocked at the spec's ClockHz." };
        var model = new Option<string?>("--model") { Description = "A quantized model: derive its spec, then as --config." };
        var command = new Command("bitstream", "Build a bitstream for a board (iCE40 here; ECP5 and Artix-7 scripts plus yosys utilization).") { boardName, output, config, model, loopback, mhz };
        command.SetAction(parse =>
        {
            Board board;
            try { board = SupportedBoards.ByName(parse.GetValue(boardName)!); }
            catch (ArgumentException e) { throw new FpgaException(e.Message, e); }
            if (parse.GetValue(config) is { } configPath)
                return Build(console, AcceleratorBoard.For(board, SpecFile.Read(configPath)), parse.GetValue(output)!);
            if (parse.GetValue(model) is { } modelPath)
                return Build(console, AcceleratorBoard.For(board, SpecFile.ForModel(modelPath)), parse.GetValue(output)!);
            if (!parse.GetValue(loopback))
                throw new FpgaException("say what to build: --config SPEC.json, --model QUANTIZED or --loopback");
            long clockHz = parse.GetValue(mhz) is { } requested ? (long)Math.Round(requested * 1e6) : board.DefaultClockHz;
            var design = BoardDesigns.Loopback(board, clockHz);
            return Build(console, design, parse.GetValue(output)!);
        });
        return command;
    }

    internal static int Build(CliConsole console, BoardDesign design, string directory)
    {
        var board = design.Board;
        console.Out.WriteLine($"{board.Title}: {design.Clock.Describe()}");
        if (board.Family == FpgaFamily.Ice40UltraPlus)
        {
            var report = Ice40BitstreamFlow.Build(design, directory);
            foreach (var use in report.Placement.Utilization.Where(u => u.Used > 0))
                console.Out.WriteLine($"  {use.Resource,-16} {use.Used,6} / {use.Available,-6} {use.Fraction,7:P1}");
            if (report.DesignClock is { } clock)
                console.Out.WriteLine($"  Fmax {clock.AchievedMhz:0.00} MHz against {clock.ConstraintMhz:0.00} MHz: met");
            foreach (var (stage, elapsed) in report.Stages)
                console.Out.WriteLine($"  {stage,-18} {elapsed.TotalSeconds,7:0.0} s");
            foreach (var warning in report.ExplainedWarnings)
                console.Out.WriteLine($"  explained yosys warning: {warning}");
            console.Out.WriteLine($"wrote {report.BitstreamPath}; flash with: iceprog {report.BitstreamPath}  (or openFPGALoader --board icebreaker)");
            return FpgaCli.ExitOk;
        }

        var rtl = VerilogEmitter.EmitHierarchy(design.Top);
        var script = VendorFlowScripts.For(board, design.Top.Name, rtl.Select(f => f.FileName), design.TargetMhz);
        var files = rtl.Append(new EmittedFile(board.ConstraintFileName, ConstraintFile.For(board))).Append(new EmittedFile(script.FileName, script.Text));
        RtlWriter.Write(directory, files);
        var summary = YosysUtilization.Run(board.Family, rtl, design.Top.Name);
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  yosys {YosysUtilization.SynthCommand(board.Family)}: {summary.Luts} LUTs, {summary.FlipFlops} flip-flops, {summary.RamBlocks} RAM blocks, {summary.Dsps} DSPs"));
        console.Out.WriteLine($"wrote {Path.Combine(directory, script.FileName)}: run it where {(board.Family == FpgaFamily.Ecp5 ? "nextpnr-ecp5 and ecppack are" : "Vivado is")} installed");
        return FpgaCli.ExitOk;
    }
}
