namespace Fpga.Gen.Boards;

/// <summary>The FPGA families of the boards we support, each with its own flow and clock primitive.</summary>
public enum FpgaFamily
{
    /// <summary>Lattice iCE40 UltraPlus: yosys, nextpnr-ice40, icepack; runs here.</summary>
    Ice40UltraPlus,
    /// <summary>Lattice ECP5: yosys, nextpnr-ecp5, ecppack.</summary>
    Ecp5,
    /// <summary>AMD Xilinx Artix-7: Vivado (yosys synth_xilinx for utilization).</summary>
    Artix7,
}
