using Fpga.Gen.Hdl;
using Fpga.Gen.Spec;

namespace Fpga.Gen.Cores;

/// <summary>
/// Which RAM each memory of an accelerator maps to under the spec's <see cref="MemoryTechnology"/>.
/// <see cref="MemoryTechnology.Inferred"/> leaves every memory to the synthesis tool.
/// <see cref="MemoryTechnology.Ice40"/> (iCE40 UltraPlus): the largest weight planes go to the
/// four SB_SPRAM256KA (16K x 16, single port) while they last (<see cref="Accelerator.AcceleratorFolding"/>
/// assigns them), memories of at most <see cref="LogicBitsMax"/> bits to flip-flops (a 4-kbit
/// EBR spent on a few coefficients is what made small accelerators run out of RAM), the rest
/// to EBR.
/// </summary>
public static class MemoryPlacement
{
    /// <summary>SB_SPRAM256KA blocks of the iCE40UP5K.</summary>
    public const int SpramBlocks = 4;
    public const int SpramWidth = 16;
    public const int SpramDepth = 16384;

    /// <summary>Memories up to this many bits are flip-flops and LUTs rather than an EBR.</summary>
    public const int LogicBitsMax = 256;

    /// <summary>The style of a memory that is not a weight plane.</summary>
    public static MemoryStyle For(AcceleratorSpec spec, int width, int depth) => spec.Memory switch
    {
        MemoryTechnology.Ice40 => (long)width * depth <= LogicBitsMax ? MemoryStyle.Logic : MemoryStyle.Block,
        _ => MemoryStyle.Auto,
    };

    /// <summary>SPRAM blocks a width x depth single-port memory takes.</summary>
    public static int SpramBlocksFor(int width, int depth) =>
        (width + SpramWidth - 1) / SpramWidth * ((depth + SpramDepth - 1) / SpramDepth);
}
