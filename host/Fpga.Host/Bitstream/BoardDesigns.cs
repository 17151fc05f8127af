using Fpga.Gen.Boards;
using Fpga.Gen.Boards.Clocking;
using Fpga.Gen.Hdl;
using Fpga.Gen.Ir;
using Fpga.Host.Diagnostics;

namespace Fpga.Host.Bitstream;

/// <summary>Board designs the CLI builds: a core inside the board's shell, clocked by the board's PLL.</summary>
public static class BoardDesigns
{
    /// <summary>The PLL may miss the requested clock by at most this much before the UART divisor and timing figures would lie.</summary>
    public const double MaxClockErrorPpm = 5000;

    public static BoardDesign Loopback(Board board, long clockHz)
    {
        var conventions = DesignConventions.Default;
        return Around(board, clockHz, LoopbackCore.Generate(conventions), conventions);
    }

    public static BoardDesign Around(Board board, long clockHz, ModuleIr core, DesignConventions conventions)
    {
        ClockPlan plan;
        try
        {
            plan = board.PlanClock(clockHz);
        }
        catch (ClockPlanException e)
        {
            throw new FpgaException($"{board.Name}: {e.Message}", e);
        }
        if (Math.Abs(plan.ErrorPpm) > MaxClockErrorPpm)
            throw new FpgaException($"{board.Name}: the PLL gives {plan.AchievedHz / 1e6:0.###} MHz for the requested {clockHz / 1e6:0.###} MHz ({plan.ErrorPpm:0} ppm); choose a clock the PLL reaches exactly");
        var top = BoardShell.Generate(board, core, ClockGenerator.Generate(board, plan), ResetSynchronizer.Generate(conventions), conventions);
        return new BoardDesign(board, plan, top);
    }
}
