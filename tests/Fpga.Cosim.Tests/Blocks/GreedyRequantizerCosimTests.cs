using Fpga.Gen.Cores.Lstm;
using Fpga.Gen.Spec;
using Fpga.Host.Verification;

namespace Fpga.Cosim.Tests.Blocks;

/// <summary>The greedy re-quantizer (contract step 6) in Verilator against the golden model's.</summary>
public class GreedyRequantizerCosimTests
{
    public static TheoryData<int, int, int, int, int> Grid => new()
    {
        // hidden, codes, simd, hidden width, hidden fraction
        { 16, 2, 8, 12, 10 },
        { 5, 3, 2, 10, 8 },
        { 4, 1, 1, 12, 10 },
        { 40, 3, 32, 12, 9 },
        { 12, 2, 4, 9, 6 },
    };

    [Theory]
    [MemberData(nameof(Grid))]
    public void EveryWordAndCoefficientMatchesTheGoldenModel(int hidden, int codes, int simd, int width, int fraction)
    {
        var spec = new AcceleratorSpec { HiddenSize = hidden, ActivationCodes = codes, Hidden = new FixedFormat(width, fraction) }.Validate();
        var unit = GreedyRequantizer.Generate(spec, simd);
        using var work = new TestDirectory();
        var block = GeneratedBlock.Prepare(unit.Module, work.Path);
        Assert.True(block.Lint.Clean, string.Join("\n", block.Lint.Verilator.Concat(block.Lint.Icarus)));
        using var sim = block.Model.Start();

        var result = GreedyRequantizerCosim.Run(sim, unit, vectors: 6, seed: hidden * 13 + codes, sourceIdle: 0.3, sinkStall: 0.3);

        Assert.Empty(result.Mismatches);
        Assert.Equal(6 * codes * unit.Words, result.BeatsChecked);
    }
}
