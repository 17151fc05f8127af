using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Fpga.Gen.Boards.Clocking;

namespace Fpga.Gen.Tests.Boards;

public class ClockPlanTests
{
    [Theory]
    [InlineData(48_000_000, 0, 63, 4, 1)]
    [InlineData(40_000_000, 0, 52, 4, 1)]
    [InlineData(30_000_000, 0, 79, 5, 1)]
    public void Ice40PllSettingsAreTheDataSheetOnes(long requested, int divr, int divf, int divq, int filter)
    {
        var plan = Ice40PllPlan.For(12_000_000, requested);
        Assert.Equal((divr, divf, divq, filter), (plan.Divr, plan.Divf, plan.Divq, plan.FilterRange));
        Assert.Equal(12e6 * (divf + 1) / (divr + 1) / (1 << divq), plan.AchievedHz, 3);
    }

    /// <summary>icepll (IceStorm) is the reference: the same dividers for every frequency tried.</summary>
    [Theory]
    [InlineData(16)]
    [InlineData(24)]
    [InlineData(33)]
    [InlineData(40)]
    [InlineData(50)]
    [InlineData(66)]
    [InlineData(100)]
    [InlineData(200)]
    public void Ice40PllAgreesWithIcepll(int mhz)
    {
        var plan = Ice40PllPlan.For(12_000_000, mhz * 1_000_000L);
        var icepll = Process.Start(new ProcessStartInfo("icepll", ["-i", "12", "-o", mhz.ToString(CultureInfo.InvariantCulture)]) { RedirectStandardOutput = true })!;
        string output = icepll.StandardOutput.ReadToEnd();
        icepll.WaitForExit();
        int Field(string name) => int.Parse(Regex.Match(output, $@"{name}:\s+(\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.Equal((Field("DIVR"), Field("DIVF"), Field("DIVQ"), Field("FILTER_RANGE")), (plan.Divr, plan.Divf, plan.Divq, plan.FilterRange));
    }

    [Theory]
    [InlineData(12_000_000, 48_000_000)]
    [InlineData(12_000_000, 40_000_000)]
    [InlineData(12_000_000, 123_000_000)]
    public void Ice40PllStaysInsideItsLimits(long input, long requested)
    {
        var plan = Ice40PllPlan.For(input, requested);
        Assert.InRange(plan.PfdHz, Ice40PllPlan.MinPfdHz, Ice40PllPlan.MaxPfdHz);
        Assert.InRange(plan.VcoHz, Ice40PllPlan.MinVcoHz, Ice40PllPlan.MaxVcoHz);
        Assert.InRange(Math.Abs(plan.ErrorPpm), 0, 20_000);
    }

    [Theory]
    [InlineData(40_000_000)]
    [InlineData(50_000_000)]
    [InlineData(100_000_000)]
    [InlineData(62_500_000)]
    public void Ecp5PllHitsRoundFrequenciesExactly(long requested)
    {
        var plan = Ecp5PllPlan.For(25_000_000, requested);
        Assert.Equal(requested, plan.AchievedHz, 1);
        Assert.InRange(plan.PfdHz, Ecp5PllPlan.MinPfdHz, Ecp5PllPlan.MaxPfdHz);
        Assert.InRange(plan.VcoHz, Ecp5PllPlan.MinVcoHz, Ecp5PllPlan.MaxVcoHz);
    }

    [Theory]
    [InlineData(40_000_000)]
    [InlineData(50_000_000)]
    [InlineData(125_000_000)]
    public void Artix7MmcmHitsRoundFrequenciesExactly(long requested)
    {
        var plan = Artix7MmcmPlan.For(100_000_000, requested);
        Assert.Equal(requested, plan.AchievedHz, 1);
        Assert.InRange(plan.VcoHz, Artix7MmcmPlan.MinVcoHz, Artix7MmcmPlan.MaxVcoHz);
        Assert.InRange(plan.PfdHz, Artix7MmcmPlan.MinPfdHz, Artix7MmcmPlan.MaxPfdHz);
    }

    [Fact]
    public void FrequenciesOutsideThePrimitiveAreRefusedWithTheRange()
    {
        var e = Assert.Throws<ClockPlanException>(() => Ice40PllPlan.For(12_000_000, 300_000_000));
        Assert.Contains("16..275 MHz", e.Message, StringComparison.Ordinal);
        Assert.Throws<ClockPlanException>(() => Ecp5PllPlan.For(25_000_000, 1_000_000));
        Assert.Throws<ClockPlanException>(() => Artix7MmcmPlan.For(100_000_000, 900_000_000));
    }
}
