namespace Fpga.Gen.Boards.Clocking;

/// <summary>
/// iCE40 PLL (SB_PLL40_PAD / SB_PLL40_CORE) in simple feedback mode, limits from Lattice's
/// iCE40 sysCLOCK PLL Design and Usage Guide (TN1251):
/// F_PFD = F_REF / (DIVR + 1) in 10..133 MHz, F_VCO = F_PFD * (DIVF + 1) in 533..1066 MHz,
/// F_OUT = F_VCO / 2^DIVQ in 16..275 MHz, DIVR 0..15, DIVF 0..127, DIVQ 1..6; the loop filter
/// range follows F_PFD. The same search icepll does, so the two agree.
/// </summary>
public sealed record Ice40PllPlan(long InputHz, long RequestedHz, int Divr, int Divf, int Divq, int FilterRange)
    : ClockPlan(InputHz, RequestedHz)
{
    public const double MinPfdHz = 10e6, MaxPfdHz = 133e6, MinVcoHz = 533e6, MaxVcoHz = 1066e6, MinOutHz = 16e6, MaxOutHz = 275e6;

    public double PfdHz => (double)InputHz / (Divr + 1);
    public double VcoHz => PfdHz * (Divf + 1);
    public override double AchievedHz => VcoHz / (1 << Divq);
    public override string Primitive => "SB_PLL40_PAD";
    public override IReadOnlyList<string> Settings => [$"DIVR {Divr}", $"DIVF {Divf}", $"DIVQ {Divq}", $"FILTER_RANGE {FilterRange}"];

    public static Ice40PllPlan For(long inputHz, long requestedHz)
    {
        if (requestedHz < MinOutHz || requestedHz > MaxOutHz)
            throw new ClockPlanException($"the iCE40 PLL gives {MinOutHz / 1e6:0}..{MaxOutHz / 1e6:0} MHz, not {requestedHz / 1e6:0.###} MHz");
        Ice40PllPlan? best = null;
        double bestError = double.MaxValue;
        for (int divr = 0; divr <= 15; divr++)
        {
            double pfd = (double)inputHz / (divr + 1);
            if (pfd < MinPfdHz || pfd > MaxPfdHz) continue;
            for (int divf = 0; divf <= 127; divf++)
            {
                double vco = pfd * (divf + 1);
                if (vco < MinVcoHz || vco > MaxVcoHz) continue;
                for (int divq = 1; divq <= 6; divq++)
                {
                    double error = Math.Abs(vco / (1 << divq) - requestedHz);
                    // Strictly better only: the first hit has the smallest DIVR, the lowest PFD
                    // divider, which is the setting icepll reports too.
                    if (error < bestError)
                    {
                        bestError = error;
                        best = new Ice40PllPlan(inputHz, requestedHz, divr, divf, divq, FilterRangeFor(pfd));
                    }
                }
            }
        }
        return best ?? throw new ClockPlanException($"no iCE40 PLL setting turns {inputHz / 1e6:0.###} MHz into {requestedHz / 1e6:0.###} MHz");
    }

    /// <summary>The loop filter range TN1251 gives for the phase detector frequency.</summary>
    private static int FilterRangeFor(double pfdHz) => pfdHz switch
    {
        < 17e6 => 1,
        < 26e6 => 2,
        < 44e6 => 3,
        < 66e6 => 4,
        < 101e6 => 5,
        _ => 6,
    };
}
