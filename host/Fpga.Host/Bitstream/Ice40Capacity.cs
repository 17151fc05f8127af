namespace Fpga.Host.Bitstream;

/// <summary>
/// What an iCE40 device holds, cell type by cell type as yosys synth_ice40 counts them, so a
/// design that cannot fit is refused right after synthesis with the resource that overflows,
/// instead of minutes later by the placer. Logic cells pair a LUT4 with a flip-flop and a carry,
/// so a LUT4 count at or under the logic cells can still fail to pack; nextpnr has the last word.
/// </summary>
public static class Ice40Capacity
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<(string Cell, string Name, int Available)>> Devices =
        new Dictionary<string, IReadOnlyList<(string, string, int)>>(StringComparer.Ordinal)
        {
            // iCE40 UltraPlus family data sheet (FPGA-DS-02008), table 1.1: iCE40UP5K.
            ["up5k"] = [("SB_LUT4", "LUT4 (logic cells)", 5280), ("SB_RAM40_4K", "EBR (4-kbit block RAM)", 30),
                ("SB_SPRAM256KA", "SPRAM (256-kbit single-port RAM)", 4), ("SB_MAC16", "DSP (SB_MAC16)", 8)],
        };

    /// <summary>Every resource the cells use beyond what the device has, as "used name of available".</summary>
    public static IReadOnlyList<string> Overflows(string device, IReadOnlyDictionary<string, int> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (!Devices.TryGetValue(device, out var limits)) return [];
        return limits.Where(l => cells.GetValueOrDefault(l.Cell) > l.Available)
            .Select(l => $"{cells[l.Cell]} {l.Name} of {l.Available}").ToArray();
    }
}
