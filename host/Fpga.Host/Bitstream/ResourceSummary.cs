namespace Fpga.Host.Bitstream;

/// <summary>
/// A synthesized design's cells folded into what hardware engineers compare across families:
/// lookup tables, flip-flops, RAM blocks and DSP blocks, plus every cell type as yosys counted it.
/// </summary>
public sealed record ResourceSummary(int Luts, int FlipFlops, int RamBlocks, int Dsps, IReadOnlyDictionary<string, int> Cells)
{
    public static ResourceSummary From(Fpga.Gen.Boards.FpgaFamily family, IReadOnlyDictionary<string, int> cells)
    {
        int Sum(Func<string, bool> match) => cells.Where(c => match(c.Key)).Sum(c => c.Value);
        return family switch
        {
            Fpga.Gen.Boards.FpgaFamily.Ice40UltraPlus => new(Sum(t => t == "SB_LUT4"), Sum(t => t.StartsWith("SB_DFF", StringComparison.Ordinal)),
                Sum(t => t is "SB_RAM40_4K" or "SB_SPRAM256KA"), Sum(t => t == "SB_MAC16"), cells),
            Fpga.Gen.Boards.FpgaFamily.Ecp5 => new(Sum(t => t == "LUT4") + 2 * Sum(t => t == "CCU2C"), Sum(t => t == "TRELLIS_FF"),
                Sum(t => t == "DP16KD"), Sum(t => t is "MULT18X18D" or "ALU54B"), cells),
            _ => new(Sum(t => t.Length == 4 && t.StartsWith("LUT", StringComparison.Ordinal)), Sum(t => t is "FDRE" or "FDSE" or "FDCE" or "FDPE"),
                Sum(t => t is "RAMB18E1" or "RAMB36E1"), Sum(t => t == "DSP48E1"), cells),
        };
    }
}
