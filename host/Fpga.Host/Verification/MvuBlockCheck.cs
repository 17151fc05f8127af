using Fpga.Gen.Cores.Mvu;

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
        var block = GeneratedBlock.Prepare(unit.Module, workDirectory);
        return GeneratedBlock.Simulate(() =>
        {
            using var sim = block.Model.Start();
            var cosim = XnorMvuCosim.Run(sim, unit, products, seed, sinkStall: 0.3);
            return new MvuBlockReport(unit, block.Lint, block.Model.BuildTime, block.Model.FromCache, cosim);
        });
    }
}
