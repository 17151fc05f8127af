using System.Text.Json;
using Fpga.Gen.Boards;
using Fpga.Gen.Emit;
using Fpga.Host.Diagnostics;

namespace Fpga.Host.Bitstream;

/// <summary>
/// yosys synth_ice40 / synth_ecp5 / synth_xilinx of a generated design and its cell counts:
/// the utilization figure for families whose place and route does not run here, and a quick
/// one for iCE40 before a full build.
/// </summary>
public static class YosysUtilization
{
    public static string SynthCommand(FpgaFamily family) => family switch
    {
        FpgaFamily.Ice40UltraPlus => "synth_ice40",
        FpgaFamily.Ecp5 => "synth_ecp5",
        _ => "synth_xilinx",
    };

    public static ResourceSummary Run(FpgaFamily family, IReadOnlyList<EmittedFile> rtl, string top, string? options = null, CancellationToken cancellation = default)
    {
        using var build = new BuildDirectory(Path.Combine(Path.GetTempPath(), $"fpga-synth-{Guid.NewGuid():N}"));
        foreach (var file in rtl) file.WriteTo(build.Staging);
        string script = $"read_verilog {string.Join(' ', rtl.Select(f => f.FileName))}; {SynthCommand(family)} -top {top} {options ?? ""}; tee -q -o stat.json stat -json";
        var yosys = FlowTool.Run("yosys", ["-q", "-l", "yosys.log", "-p", script], build, "yosys.out.log", cancellation);
        if (yosys.ExitCode != 0) throw new FpgaException($"yosys {SynthCommand(family)} failed: {FlowTool.Errors(yosys)}");
        return ResourceSummary.From(family, ParseCells(File.ReadAllText(build["stat.json"])));
    }

    /// <summary>num_cells_by_type of the whole design from `stat -json`.</summary>
    public static IReadOnlyDictionary<string, int> ParseCells(string statJson)
    {
        try
        {
            using var document = JsonDocument.Parse(statJson);
            return document.RootElement.GetProperty("design").GetProperty("num_cells_by_type").EnumerateObject()
                .ToDictionary(p => p.Name, p => p.Value.GetInt32(), StringComparer.Ordinal);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FpgaException($"yosys stat output is not what this toolchain reads: {e.Message}", e);
        }
    }
}
