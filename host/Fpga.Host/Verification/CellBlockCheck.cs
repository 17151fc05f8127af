using Fpga.Gen.Cores.Lstm;
using Fpga.Gen.Emit;
using Fpga.Gen.Spec;
using Fpga.Host.Diagnostics;
using Fpga.Host.Generation;
using Fpga.Sim;
using Fpga.Sim.Verilator;

namespace Fpga.Host.Verification;

/// <summary>Everything checked of one generated cell unit.</summary>
public sealed record CellBlockReport(LstmCellUnit Unit, LintReport Lint, TimeSpan BuildTime, bool BuildCached, LstmCellCosimResult Cosim)
{
    public bool Passed => Lint.Clean && Cosim.Passed;
}

/// <summary>Generate, lint, build with Verilator and co-simulate one LSTM cell unit.</summary>
public static class CellBlockCheck
{
    public static CellBlockReport Run(AcceleratorSpec spec, int accumulatorWidth, string workDirectory, int seed)
    {
        var unit = LstmCellUnit.Generate(spec, accumulatorWidth);
        var files = RtlWriter.Write(Path.Combine(workDirectory, unit.Module.Name), VerilogEmitter.EmitHierarchy(unit.Module));
        var lint = RtlLint.Check(files, unit.Module.Name);
        try
        {
            var model = VerilatorModelBuild.Build(new VerilatorModelOptions { Sources = files, TopModule = unit.Module.Name });
            using var sim = model.Start();
            var cosim = LstmCellCosim.Run(sim, unit, sequences: 2, steps: 4, seed, sourceIdle: 0.3, sinkStall: 0.3);
            return new CellBlockReport(unit, lint, model.BuildTime, model.FromCache, cosim);
        }
        catch (SimulationException e)
        {
            throw new FpgaException(e.Message, e);
        }
    }
}
