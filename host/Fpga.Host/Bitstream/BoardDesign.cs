using Fpga.Gen.Boards;
using Fpga.Gen.Boards.Clocking;
using Fpga.Gen.Ir;

namespace Fpga.Host.Bitstream;

/// <summary>What a bitstream is built from: the board, its clock plan, and the board top (whose ports are the board's pins).</summary>
public sealed record BoardDesign(Board Board, ClockPlan Clock, ModuleIr Top)
{
    /// <summary>The frequency timing must meet: the one the PLL actually gives.</summary>
    public double TargetMhz => Clock.AchievedHz / 1e6;
}
