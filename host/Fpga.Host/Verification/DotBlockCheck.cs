using Fpga.Gen.Cores.XnorPopcount;
using Fpga.Gen.Emit;
using Fpga.Host.Diagnostics;
using Fpga.Host.Generation;
using Fpga.Sim;
using Fpga.Sim.Verilator;

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
        var directory = Path.Combine(workDirectory, unit.Module.Name);
        var files = RtlWriter.Write(directory, VerilogEmitter.EmitHierarchy(unit.Module));
        var lint = RtlLint.Check(files, unit.Module.Name);
        try
        {
            var model = VerilatorModelBuild.Build(new VerilatorModelOptions { Sources = files, TopModule = unit.Module.Name });
            using var sim = model.Start();
            var backPressure = XnorDotCosim.Run(sim, unit, beats, seed, sourceIdle: 0.3, sinkStall: 0.3);
            var fullRate = XnorDotCosim.RunFullRate(sim, unit, beats * 10, seed + 1);
            var freeRunning = XnorDotCosim.FreeRunningCyclesPerSecond(sim, unit, freeRunningCycles);
            return new DotBlockReport(unit, lint, model.BuildTime, model.FromCache, backPressure, fullRate, freeRunning);
        }
        catch (SimulationException e)
        {
            throw new FpgaException(e.Message, e);
        }
    }
}
