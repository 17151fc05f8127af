using Fpga.Gen.Cores.Lstm;
using Fpga.Gen.Spec;

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
        var block = GeneratedBlock.Prepare(unit.Module, workDirectory);
        return GeneratedBlock.Simulate(() =>
        {
            using var sim = block.Model.Start();
            var cosim = LstmCellCosim.Run(sim, unit, sequences: 2, steps: 4, seed, sourceIdle: 0.3, sinkStall: 0.3);
            return new CellBlockReport(unit, block.Lint, block.Model.BuildTime, block.Model.FromCache, cosim);
        });
    }
}
