using Fpga.Gen.Hdl;

namespace Fpga.Gen.Cores.Link;

/// <summary>
/// A fractional clock divider (phase accumulator) inside a module: each clock adds Increment,
/// and passing Modulus gives a one-cycle tick. The average rate is exactly Increment/Modulus of
/// the clock, with one clock of jitter, so no baud rate drifts however awkward the ratio.
/// Restart puts the phase at zero, so the first tick comes a whole period after it.
/// </summary>
public static class BaudTicker
{
    public static Signal Add(ModuleBuilder m, string prefix, (long Increment, long Modulus) divider, Expr restart)
    {
        var (increment, modulus) = divider;
        if (increment < 1 || increment > modulus)
            throw new HdlConstructionException($"divider {increment}/{modulus} must tick at most once per clock");
        int width = BitWidth.ForUnsigned(modulus - 1 + increment);
        var phase = m.Register($"{prefix}_phase_q", width, resetValue: 0);
        m.Describe(phase, $"the phase, 0..{modulus - 1}; {increment} per clock, a tick on passing {modulus}");
        var sum = m.Define($"{prefix}_phase_sum", phase + Expr.Const(increment, width));
        var tick = m.Define($"{prefix}_tick", sum.Ge(Expr.Const(modulus, width)) & ~restart);
        m.Next(phase, Expr.Mux(restart, Expr.Zero(phase.Type), Expr.Mux(tick, sum - Expr.Const(modulus, width), sum)));
        return tick;
    }
}
