using System.Text.RegularExpressions;
using Fpga.Gen.Boards;

namespace Fpga.Gen.Tests.Boards;

/// <summary>
/// The vendor primitives a board shell instantiates, as declared in yosys's own technology
/// libraries (installed with yosys), so Verilator can check our instances' ports and parameters.
/// Only the modules named are cut out, so the lint sees no unrelated library code.
/// </summary>
internal static class VendorPrimitiveModels
{
    public static string Write(FpgaFamily family, string directory)
    {
        var share = YosysShareDirectory();
        var (files, modules) = family switch
        {
            FpgaFamily.Ice40UltraPlus => (new[] { "ice40/cells_sim.v" }, new[] { "SB_PLL40_PAD" }),
            FpgaFamily.Ecp5 => (["ecp5/cells_bb.v"], ["EHXPLLL"]),
            _ => (new[] { "xilinx/cells_xtra.v", "xilinx/cells_sim.v" }, new[] { "MMCME2_BASE", "BUFG" }),
        };
        var text = string.Concat(files.Select(f => File.ReadAllText(Path.Combine(share, f))));
        var path = Path.Combine(directory, "vendor_primitives.v");
        File.WriteAllText(path, string.Join("\n", modules.Select(name =>
            Regex.Match(text, $@"^module {name}\b.*?^endmodule", RegexOptions.Multiline | RegexOptions.Singleline) is { Success: true } match
                ? match.Value
                : throw new InvalidOperationException($"yosys's library has no module {name}"))) + "\n");
        return path;
    }

    private static string YosysShareDirectory()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (!File.Exists(Path.Combine(directory, "yosys"))) continue;
            var share = Path.GetFullPath(Path.Combine(directory, "..", "share", "yosys"));
            if (Directory.Exists(share)) return share;
        }
        throw new InvalidOperationException("yosys is not installed (make setup)");
    }
}
