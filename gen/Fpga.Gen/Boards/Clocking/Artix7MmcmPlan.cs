namespace Fpga.Gen.Boards.Clocking;

/// <summary>
/// Artix-7 MMCME2_BASE with integer dividers, limits for speed grade -1 from the 7 Series
/// Clocking Resources guide (UG472) and the Artix-7 data sheet (DS181):
/// F_PFD = F_IN / DIVCLK_DIVIDE in 10..450 MHz, F_VCO = F_PFD * CLKFBOUT_MULT in 600..1200 MHz,
/// F_OUT = F_VCO / CLKOUT0_DIVIDE; DIVCLK_DIVIDE 1..106, CLKFBOUT_MULT 2..64, CLKOUT0_DIVIDE 1..128.
/// </summary>
public sealed record Artix7MmcmPlan(long InputHz, long RequestedHz, int DivclkDivide, int ClkfboutMult, int Clkout0Divide)
    : ClockPlan(InputHz, RequestedHz)
{
    public const double MinPfdHz = 10e6, MaxPfdHz = 450e6, MinVcoHz = 600e6, MaxVcoHz = 1200e6, MinOutHz = 4.69e6, MaxOutHz = 800e6;

    public double PfdHz => (double)InputHz / DivclkDivide;
    public double VcoHz => PfdHz * ClkfboutMult;
    public override double AchievedHz => VcoHz / Clkout0Divide;
    public override string Primitive => "MMCME2_BASE";
    public double InputPeriodNs => 1e9 / InputHz;
    public override IReadOnlyList<string> Settings => [$"DIVCLK_DIVIDE {DivclkDivide}", $"CLKFBOUT_MULT_F {ClkfboutMult}", $"CLKOUT0_DIVIDE_F {Clkout0Divide}"];

    public static Artix7MmcmPlan For(long inputHz, long requestedHz)
    {
        if (requestedHz < MinOutHz || requestedHz > MaxOutHz)
            throw new ClockPlanException($"the Artix-7 MMCM gives {MinOutHz / 1e6:0.##}..{MaxOutHz / 1e6:0} MHz, not {requestedHz / 1e6:0.###} MHz");
        Artix7MmcmPlan? best = null;
        double bestError = double.MaxValue;
        for (int d = 1; d <= 106; d++)
        {
            double pfd = (double)inputHz / d;
            if (pfd < MinPfdHz || pfd > MaxPfdHz) continue;
            for (int m = 2; m <= 64; m++)
            {
                double vco = pfd * m;
                if (vco < MinVcoHz || vco > MaxVcoHz) continue;
                for (int o = 1; o <= 128; o++)
                {
                    double error = Math.Abs(vco / o - requestedHz);
                    if (error < bestError)
                    {
                        bestError = error;
                        best = new Artix7MmcmPlan(inputHz, requestedHz, d, m, o);
                    }
                }
            }
        }
        return best ?? throw new ClockPlanException($"no MMCM setting turns {inputHz / 1e6:0.###} MHz into {requestedHz / 1e6:0.###} MHz");
    }
}
