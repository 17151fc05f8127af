using Fpga.Gen.Cores.XnorPopcount;

namespace Fpga.Host.Verification;

/// <summary>Everything checked of one generated dot-product unit.</summary>
public sealed record DotBlockReport(
    XnorPopcountDot Unit,
    LintReport Lint,
    TimeSpan BuildTime,
    bool BuildCached,
    XnorDotCosimResult BackPressure,
    XnorDotCosimResult FullRate,
    double FreeRunningCyclesPerSecond)
{
    public bool Passed => Lint.Clean && BackPressure.Passed && FullRate.Passed;
}

/// <summary>Generate, lint, build with Verilator and co-simulate one dot-product unit.</summary>
public static class DotBlockCheck
{
    public static DotBlockReport Run(XnorPopcountDotOptions options, string workDirectory, int beats, int seed, long freeRunningCycles = 2_000_000)
    {
        var unit = XnorPopcountDot.Generate(options);
        var block = GeneratedBlock.Prepare(unit.Module, workDirectory);
        return GeneratedBlock.Simulate(() =>
        {
            using var sim = block.Model.Start();
            var backPressure = XnorDotCosim.Run(sim, unit, beats, seed, sourceIdle: 0.3, sinkStall: 0.3);
            var fullRate = XnorDotCosim.RunFullRate(sim, unit, beats * 10, seed + 1);
            var freeRunning = XnorDotCosim.FreeRunningCyclesPerSecond(sim, unit, freeRunningCycles);
            return new DotBlockReport(unit, block.Lint, block.Model.BuildTime, block.Model.FromCache, backPressure, fullRate, freeRunning);
        });
    }
}
