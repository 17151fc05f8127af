using Fpga.Gen.Cores.Lstm;
using Fpga.Gen.Spec;

namespace Fpga.Host.Verification;

/// <summary>Everything checked of one generated re-quantizer.</summary>
public sealed record RequantizerBlockReport(HiddenStateRequantizer Unit, LintReport Lint, TimeSpan BuildTime, bool BuildCached, RequantizerCosimResult Cosim)
{
    public bool Passed => Lint.Clean && Cosim.Passed;
}

/// <summary>Generate, lint, build with Verilator and co-simulate one re-quantizer (the spec's mode) against the golden model.</summary>
public static class RequantizerBlockCheck
{
    public static RequantizerBlockReport Run(AcceleratorSpec spec, int simd, string workDirectory, int seed)
    {
        var unit = HiddenStateRequantizer.Generate(spec, simd);
        var block = GeneratedBlock.Prepare(unit.Module, workDirectory);
        return GeneratedBlock.Simulate(() =>
        {
            using var sim = block.Model.Start();
            var cosim = RequantizerCosim.Run(sim, unit, vectors: 6, seed, sourceIdle: 0.3, sinkStall: 0.3);
            return new RequantizerBlockReport(unit, block.Lint, block.Model.BuildTime, block.Model.FromCache, cosim);
        });
    }
}
