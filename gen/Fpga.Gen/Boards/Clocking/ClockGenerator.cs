using Fpga.Gen.Hdl;
using Fpga.Gen.Ir;

namespace Fpga.Gen.Boards.Clocking;

/// <summary>
/// The module that turns a board's oscillator pin into the design clock: the family's PLL or
/// MMCM primitive configured by a <see cref="ClockPlan"/>, with its lock flag. Ports:
/// clk_osc in, clk out, locked out. No registers: it sits outside every clock domain.
/// </summary>
public static class ClockGenerator
{
    public static ModuleIr Generate(Board board, ClockPlan plan)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(plan);
        var m = new ModuleBuilder($"clock_{VerilogIdentifier.Sanitize(board.Name)}");
        m.Comment($"{board.Title}: {plan.Describe()}.");
        m.Comment("The spec's clock must be the achieved frequency, so the UART divisor and every timing figure use it.");
        var oscillator = m.Input("clk_osc", 1);
        var clk = m.Output("clk", 1);
        var locked = m.Output("locked", 1);
        switch (plan)
        {
            case DirectClockPlan:
                m.Assign(clk, oscillator);
                m.Assign(locked, Expr.True);
                break;
            case Ice40PllPlan p: Ice40(m, p, oscillator, clk, locked); break;
            case Ecp5PllPlan p: Ecp5(m, p, oscillator, clk, locked); break;
            case Artix7MmcmPlan p: Artix7(m, p, oscillator, clk, locked); break;
            default: throw new ArgumentException($"no clock generator for {plan.GetType().Name}", nameof(plan));
        }
        return m.Build();
    }

    private static PortSpec In(string name) => new(name, PortDirection.Input, HdlType.Bit);
    private static PortSpec Out(string name) => new(name, PortDirection.Output, HdlType.Bit);

    /// <summary>SB_PLL40_PAD: the oscillator pin (a PLL-capable global input) drives the PLL directly.</summary>
    private static void Ice40(ModuleBuilder m, Ice40PllPlan plan, Signal oscillator, Signal clk, Signal locked)
    {
        var pll = new BlackBox("SB_PLL40_PAD", [In("PACKAGEPIN"), In("RESETB"), In("BYPASS"), In("EXTFEEDBACK"), new("DYNAMICDELAY", PortDirection.Input, HdlType.UInt(8)),
            In("LATCHINPUTVALUE"), In("SDI"), In("SCLK"), Out("PLLOUTGLOBAL"), Out("PLLOUTCORE"), Out("LOCK"), Out("SDO")]);
        var instance = m.Instantiate("u_pll", pll)
            .Parameter("FEEDBACK_PATH", ParameterValue.Of("SIMPLE"))
            .Parameter("DIVR", ParameterValue.Of(Expr.Const(plan.Divr, 4)))
            .Parameter("DIVF", ParameterValue.Of(Expr.Const(plan.Divf, 7)))
            .Parameter("DIVQ", ParameterValue.Of(Expr.Const(plan.Divq, 3)))
            .Parameter("FILTER_RANGE", ParameterValue.Of(Expr.Const(plan.FilterRange, 3)))
            .Input("PACKAGEPIN", oscillator).Input("RESETB", Expr.True).Input("BYPASS", Expr.False)
            .Input("EXTFEEDBACK", Expr.False).Input("DYNAMICDELAY", Expr.Const(0, 8)).Input("LATCHINPUTVALUE", Expr.False)
            .Input("SDI", Expr.False).Input("SCLK", Expr.False)
            .Output("PLLOUTGLOBAL", clk).Output("LOCK", locked);
        Unused(m, instance, "the global-network output drives the design", "PLLOUTCORE");
        Unused(m, instance, "no dynamic reconfiguration", "SDO");
    }

    /// <summary>Connects outputs of a primitive this design has no use for to waived wires.</summary>
    private static void Unused(ModuleBuilder m, Instance instance, string reason, params string[] ports)
    {
        foreach (var port in ports)
            instance.Output(port, m.Unread($"unused_{port.ToLowerInvariant()}", instance.Target.Ports.Single(p => p.Name == port).Type, $"unused: {reason}"));
    }

    /// <summary>EHXPLLL with CLKOP fed back internally, so CLKOP's phase follows the input.</summary>
    private static void Ecp5(ModuleBuilder m, Ecp5PllPlan plan, Signal oscillator, Signal clk, Signal locked)
    {
        var pll = new BlackBox("EHXPLLL", [In("CLKI"), In("CLKFB"), In("RST"), In("STDBY"), In("PHASESEL0"), In("PHASESEL1"), In("PHASEDIR"),
            In("PHASESTEP"), In("PHASELOADREG"), In("PLLWAKESYNC"), In("ENCLKOP"), In("ENCLKOS"), In("ENCLKOS2"), In("ENCLKOS3"),
            Out("CLKOP"), Out("CLKOS"), Out("CLKOS2"), Out("CLKOS3"), Out("LOCK"), Out("INTLOCK"), Out("REFCLK"), Out("CLKINTFB")]);
        var instance = m.Instantiate("u_pll", pll)
            .Parameter("PLLRST_ENA", ParameterValue.Of("DISABLED"))
            .Parameter("INTFB_WAKE", ParameterValue.Of("DISABLED"))
            .Parameter("STDBY_ENABLE", ParameterValue.Of("DISABLED"))
            .Parameter("DPHASE_SOURCE", ParameterValue.Of("DISABLED"))
            .Parameter("OUTDIVIDER_MUXA", ParameterValue.Of("DIVA"))
            .Parameter("CLKOP_ENABLE", ParameterValue.Of("ENABLED"))
            .Parameter("CLKI_DIV", ParameterValue.Of(plan.ClkiDiv))
            .Parameter("CLKFB_DIV", ParameterValue.Of(plan.ClkfbDiv))
            .Parameter("CLKOP_DIV", ParameterValue.Of(plan.ClkopDiv))
            .Parameter("CLKOP_CPHASE", ParameterValue.Of(plan.ClkopDiv - 1))
            .Parameter("CLKOP_FPHASE", ParameterValue.Of(0))
            .Parameter("FEEDBK_PATH", ParameterValue.Of("CLKOP"))
            .Input("CLKI", oscillator).Input("CLKFB", clk).Input("RST", Expr.False).Input("STDBY", Expr.False)
            .Input("PHASESEL0", Expr.False).Input("PHASESEL1", Expr.False).Input("PHASEDIR", Expr.False).Input("PHASESTEP", Expr.False)
            .Input("PHASELOADREG", Expr.False).Input("PLLWAKESYNC", Expr.False).Input("ENCLKOP", Expr.False)
            .Input("ENCLKOS", Expr.False).Input("ENCLKOS2", Expr.False).Input("ENCLKOS3", Expr.False)
            .Output("CLKOP", clk).Output("LOCK", locked);
        Unused(m, instance, "only CLKOP clocks the design", "CLKOS", "CLKOS2", "CLKOS3");
        Unused(m, instance, "the design waits on LOCK", "INTLOCK");
        Unused(m, instance, "no use for the reference or internal feedback clock", "REFCLK", "CLKINTFB");
    }

    /// <summary>MMCME2_BASE with its feedback and output through global buffers (BUFG), as UG472 shows.</summary>
    private static void Artix7(ModuleBuilder m, Artix7MmcmPlan plan, Signal oscillator, Signal clk, Signal locked)
    {
        var mmcm = new BlackBox("MMCME2_BASE", [In("CLKIN1"), In("CLKFBIN"), In("RST"), In("PWRDWN"), Out("CLKFBOUT"), Out("CLKFBOUTB"), Out("CLKOUT0"), Out("CLKOUT0B"),
            Out("CLKOUT1"), Out("CLKOUT1B"), Out("CLKOUT2"), Out("CLKOUT2B"), Out("CLKOUT3"), Out("CLKOUT3B"), Out("CLKOUT4"), Out("CLKOUT5"), Out("CLKOUT6"), Out("LOCKED")]);
        var bufg = new BlackBox("BUFG", [In("I"), Out("O")], new Dictionary<string, IReadOnlySet<string>> { ["O"] = new HashSet<string> { "I" } });
        var feedback = m.Wire("feedback", 1);
        var feedbackBuffered = m.Wire("feedback_buffered", 1);
        var output = m.Wire("mmcm_clock", 1);
        var instance = m.Instantiate("u_mmcm", mmcm)
            .Parameter("CLKIN1_PERIOD", ParameterValue.OfReal(Math.Round((decimal)plan.InputPeriodNs, 3)))
            .Parameter("DIVCLK_DIVIDE", ParameterValue.Of(plan.DivclkDivide))
            .Parameter("CLKFBOUT_MULT_F", ParameterValue.OfReal(plan.ClkfboutMult))
            .Parameter("CLKOUT0_DIVIDE_F", ParameterValue.OfReal(plan.Clkout0Divide))
            .Input("CLKIN1", oscillator).Input("CLKFBIN", feedbackBuffered).Input("RST", Expr.False).Input("PWRDWN", Expr.False)
            .Output("CLKFBOUT", feedback).Output("CLKOUT0", output).Output("LOCKED", locked);
        Unused(m, instance, "only CLKOUT0 clocks the design", "CLKFBOUTB", "CLKOUT0B", "CLKOUT1", "CLKOUT1B", "CLKOUT2", "CLKOUT2B", "CLKOUT3", "CLKOUT3B",
            "CLKOUT4", "CLKOUT5", "CLKOUT6");
        m.Instantiate("u_feedback_bufg", bufg).Input("I", feedback).Output("O", feedbackBuffered);
        m.Instantiate("u_clock_bufg", bufg).Input("I", output).Output("O", clk);
    }
}
