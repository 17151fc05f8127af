namespace Fpga.Sim.Verilator;

/// <summary>Where verilated binaries are cached when the caller does not say.</summary>
public static class BuildCacheLocation
{
    public const string OverrideVariable = "FPGA_SIM_CACHE";

    /// <summary>$FPGA_SIM_CACHE, else $XDG_CACHE_HOME/fpga/verilator, else ~/.cache/fpga/verilator.</summary>
    public static string Default
    {
        get
        {
            var explicitRoot = Environment.GetEnvironmentVariable(OverrideVariable);
            if (!string.IsNullOrWhiteSpace(explicitRoot))
            {
                return Path.GetFullPath(explicitRoot);
            }
            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            var cacheHome = !string.IsNullOrWhiteSpace(xdg)
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return Path.GetFullPath(Path.Combine(cacheHome, "fpga", "verilator"));
        }
    }
}
