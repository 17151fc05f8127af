using System.Diagnostics;
using System.Globalization;
using Fpga.Gen.Boards;
using Fpga.Gen.Emit;
using Fpga.Gen.Spec;
using Fpga.Host.Bitstream;
using Fpga.Host.Diagnostics;
using Fpga.Host.Models;

namespace Fpga.Bench;

/// <summary>
/// The largest model that fits the iCEBreaker's UP5K at each bit width: the main job's spec
/// (host/models/fashion-mnist-w2a2.spec.json: folding, formats, memories, clock) with kw = ka =
/// 1..4 and the hidden size searched downward over
/// <see cref="HiddenSizes"/>. Each candidate goes through yosys synth_ice40 and the capacity
/// check (the first that passes it is the answer), then the answer is placed, routed and packed
/// by the bitstream flow (nextpnr confirms it fits and reports Fmax). Slow: a yosys run takes
/// minutes, nextpnr more; not part of `all`.
/// </summary>
internal static class FitBenchmark
{
    /// <summary>Hidden sizes tried, largest first.</summary>
    public static readonly int[] HiddenSizes = [512, 384, 320, 256, 224, 192, 160, 128, 96, 64, 32];

    /// <summary>The main job's spec (folding, formats, memories, clock) with the codes and hidden size changed.</summary>
    public static AcceleratorSpec SpecFor(AcceleratorSpec mainJob, int codes, int hidden) =>
        (mainJob with { HiddenSize = hidden, WeightCodes = codes, ActivationCodes = codes }).Validate();

    private static AcceleratorSpec MainJobSpec()
    {
        string path = RepositoryFile.Find("host/models/fashion-mnist-w2a2.spec.json");
        return AcceleratorSpec.FromJson(File.ReadAllText(path), path);
    }

    public static void Run(TextWriter output) => Run(output, [1, 2, 3, 4]);

    public static void Run(TextWriter output, IReadOnlyList<int> codeCounts)
    {
        var board = SupportedBoards.IceBreaker;
        var mainJob = MainJobSpec();
        output.WriteLine($"largest model that fits the {board.Title} ({board.Device}): the main job's spec ({mainJob.InputSize} inputs, {mainJob.Layers} layer, dense {mainJob.DenseOutputs}, " +
            $"{mainJob.Requantization.ToString().ToLowerInvariant()}, PE {mainJob.Pe}, SIMD {mainJob.Simd}, coefficients {mainJob.WeightCoefficient}, {mainJob.Memory} memories, {mainJob.ClockHz / 1e6:0.##} MHz) with H and kw = ka changed");
        output.WriteLine($"  {"kw=ka",5} {"hidden",6} {"LC",11} {"SB_LUT4",7} {"FF",5} {"EBR",5} {"SPRAM",5} {"DSP",4} {"Fmax",10} {"yosys+nextpnr",13}  tried");
        foreach (int codes in codeCounts)
        {
            var tried = new List<string>();
            foreach (int hidden in HiddenSizes)
            {
                AcceleratorSpec spec;
                try { spec = SpecFor(mainJob, codes, hidden); }
                catch (SpecValidationException) { continue; }
                var design = AcceleratorBoard.For(board, spec);
                var rtl = VerilogEmitter.EmitHierarchy(design.Top);
                ResourceSummary summary;
                try { summary = YosysUtilization.Run(board.Family, rtl, design.Top.Name, "-dsp"); }
                catch (FpgaException e) { tried.Add($"{hidden}: {e.Message}"); continue; }
                var overflows = Ice40Capacity.Overflows(board.Device, summary.Cells);
                if (overflows.Count > 0)
                {
                    tried.Add($"{hidden}: {string.Join(", ", overflows)}");
                    continue;
                }
                var clock = Stopwatch.StartNew();
                string directory = Path.Combine(Path.GetTempPath(), $"fpga-fit-{codes}-{hidden}-{Environment.ProcessId}");
                string lc = "-", fmax = "-";
                try
                {
                    var report = Ice40BitstreamFlow.Build(design, directory);
                    var cells = report.Placement.Utilization.FirstOrDefault(u => u.Resource == "ICESTORM_LC");
                    lc = cells is null ? "-" : $"{cells.Used}/{cells.Available}";
                    fmax = report.DesignClock is { } c ? $"{c.AchievedMhz:0.0} MHz" : "-";
                }
                catch (FpgaException e)
                {
                    tried.Add($"{hidden}: {e.Message}");
                    fmax = "failed";
                }
                finally
                {
                    if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
                }
                int spram = summary.Cells.GetValueOrDefault("SB_SPRAM256KA"), ebr = summary.Cells.GetValueOrDefault("SB_RAM40_4K");
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {codes,5} {hidden,6} {lc,11} {summary.Luts,7} {summary.FlipFlops,5} {ebr,5} {spram,5} {summary.Dsps,4} {fmax,10} {clock.Elapsed.TotalSeconds,11:0} s  {string.Join("; ", tried)}"));
                if (fmax != "failed") break;
            }
        }
    }
}
