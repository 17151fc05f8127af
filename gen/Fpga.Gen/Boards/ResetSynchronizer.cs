using Fpga.Gen.Hdl;
using Fpga.Gen.Ir;

namespace Fpga.Gen.Boards;

/// <summary>
/// Turns an asynchronous reset request (the board's button, or the PLL not yet locked) into the
/// design's reset, released in step with the clock: three flip-flops without reset of their own,
/// the first two the usual metastability guard, the third a cycle of margin.
/// </summary>
public static class ResetSynchronizer
{
    public const int Stages = 3;

    public static ModuleIr Generate(DesignConventions conventions)
    {
        ArgumentNullException.ThrowIfNull(conventions);
        var m = new ModuleBuilder("reset_synchronizer", conventions);
        m.Comment("An asynchronous request in, the design's reset out: asserted within three clocks, released on a clock edge.");
        var request = m.Input("request", 1);
        var output = m.Output(conventions.ResetActiveLow ? "rst_n_out" : "rst_out", 1);
        var stages = m.Register("stages_q", Stages);
        m.Next(stages, Expr.Concat(stages[Stages - 2, 0], request));
        m.Assign(output, conventions.ResetActiveLow ? ~stages[Stages - 1] : stages[Stages - 1]);
        return m.Build();
    }
}
