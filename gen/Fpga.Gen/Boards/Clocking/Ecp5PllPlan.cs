namespace Fpga.Gen.Boards.Clocking;

/// <summary>
/// ECP5 EHXPLLL with CLKOP fed back, limits from Lattice's ECP5 sysCLOCK guide (TN1263), the
/// same ones ecppll searches: F_PFD = F_IN / CLKI_DIV in 3.125..400 MHz,
/// F_OUT = F_PFD * CLKFB_DIV, F_VCO = F_OUT * CLKOP_DIV in 400..800 MHz,
/// CLKI_DIV 1..128, CLKFB_DIV 1..80, CLKOP_DIV 1..128.
/// </summary>
public sealed record Ecp5PllPlan(long InputHz, long RequestedHz, int ClkiDiv, int ClkfbDiv, int ClkopDiv)
    : ClockPlan(InputHz, RequestedHz)
{
    public const double MinPfdHz = 3.125e6, MaxPfdHz = 400e6, MinVcoHz = 400e6, MaxVcoHz = 800e6, MinOutHz = 3.125e6, MaxOutHz = 400e6;

    public double PfdHz => (double)InputHz / ClkiDiv;
    public override double AchievedHz => PfdHz * ClkfbDiv;
    public double VcoHz => AchievedHz * ClkopDiv;
    public override string Primitive => "EHXPLLL";
    public override IReadOnlyList<string> Settings => [$"CLKI_DIV {ClkiDiv}", $"CLKFB_DIV {ClkfbDiv}", $"CLKOP_DIV {ClkopDiv}", $"CLKOP_CPHASE {ClkopDiv - 1}"];

    public static Ecp5PllPlan For(long inputHz, long requestedHz)
    {
        if (requestedHz < MinOutHz || requestedHz > MaxOutHz)
            throw new ClockPlanException($"the ECP5 PLL gives {MinOutHz / 1e6:0.###}..{MaxOutHz / 1e6:0} MHz, not {requestedHz / 1e6:0.###} MHz");
        Ecp5PllPlan? best = null;
        double bestError = double.MaxValue, bestVcoDistance = double.MaxValue;
        for (int clki = 1; clki <= 128; clki++)
        {
            double pfd = (double)inputHz / clki;
            if (pfd < MinPfdHz || pfd > MaxPfdHz) continue;
            for (int clkfb = 1; clkfb <= 80; clkfb++)
            {
                double output = pfd * clkfb;
                if (output < MinOutHz || output > MaxOutHz) continue;
                double error = Math.Abs(output - requestedHz);
                if (error > bestError) continue;
                for (int clkop = 1; clkop <= 128; clkop++)
                {
                    double vco = output * clkop;
                    if (vco < MinVcoHz || vco > MaxVcoHz) continue;
                    // Among equally exact settings prefer a VCO near mid-range, as ecppll does.
                    double vcoDistance = Math.Abs(vco - 600e6);
                    if (error < bestError || vcoDistance < bestVcoDistance)
                    {
                        bestError = error;
                        bestVcoDistance = vcoDistance;
                        best = new Ecp5PllPlan(inputHz, requestedHz, clki, clkfb, clkop);
                    }
                }
            }
        }
        return best ?? throw new ClockPlanException($"no ECP5 PLL setting turns {inputHz / 1e6:0.###} MHz into {requestedHz / 1e6:0.###} MHz");
    }
}
