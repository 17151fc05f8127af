using Fpga.Gen.Cores.Mvu;
using Fpga.Gen.Emit;
using Fpga.Host.Diagnostics;
using Fpga.Host.Generation;
using Fpga.Sim;
using Fpga.Sim.Verilator;

namespace Fpga.Host.Verification;

/// <summary>Everything checked of one generated matrix-vector unit.</summary>
public sealed record MvuBlockReport(XnorMvu Unit, LintReport Lint, TimeSpan BuildTime, bool BuildCached, XnorMvuCosimResult Cosim)
{
    public bool Passed => Lint.Clean && Cosim.Passed;
}

/// <summary>Generate, lint, build with Verilator and co-simulate one matrix-vector unit.</summary>
public static class MvuBlockCheck
{
    public static MvuBlockReport Run(XnorMvuOptions options, string workDirectory, int products, int seed)
    {
        var unit = XnorMvu.Generate(options);
        var files = RtlWriter.Write(Path.Combine(workDirectory, unit.Module.Name), VerilogEmitter.EmitHierarchy(unit.Module));
        var lint = RtlLint.Check(files, unit.Module.Name);
        try
        {
            var model = VerilatorModelBuild.Build(new VerilatorModelOptions { Sources = files, TopModule = unit.Module.Name });
            using var sim = model.Start();
            var cosim = XnorMvuCosim.Run(sim, unit, products, seed, sinkStall: 0.3);
            return new MvuBlockReport(unit, lint, model.BuildTime, model.FromCache, cosim);
        }
        catch (SimulationException e)
        {
            throw new FpgaException(e.Message, e);
        }
    }
}
