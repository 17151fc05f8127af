using Fpga.Gen.Cores.Lstm;
using Fpga.Gen.Spec;
using Fpga.Host.Verification;

namespace Fpga.Cosim.Tests.Blocks;

/// <summary>The re-quantizer (contract step 6) in Verilator against the golden model's, in every mode.</summary>
public class RequantizerCosimTests
{
    /// <summary>Every mode over ka 1..3 (and 4 where the mode allows it) and H 16, 33, 64, 128.</summary>
    public static TheoryData<HiddenRequantization, int, int> Grid()
    {
        var grid = new TheoryData<HiddenRequantization, int, int>();
        foreach (var mode in Enum.GetValues<HiddenRequantization>())
            for (int codes = 1; codes <= (mode == HiddenRequantization.Alternating ? 3 : 4); codes++)
                foreach (int hidden in new[] { 16, 33, 64, 128 })
                    grid.Add(mode, codes, hidden);
        return grid;
    }

    // SIMD 8 at H 33 leaves a one-unit last line.
    private static int SimdFor(int hidden) => hidden switch { 16 => 8, 33 => 8, 64 => 16, _ => 32 };

    [Theory]
    [MemberData(nameof(Grid))]
    public void EveryWordAndCoefficientMatchesTheGoldenModel(HiddenRequantization mode, int codes, int hidden)
    {
        var spec = new AcceleratorSpec { HiddenSize = hidden, ActivationCodes = codes, Requantization = mode }.Validate();
        Check(spec, SimdFor(hidden));
    }

    public static TheoryData<HiddenRequantization, int, int, int, int, int> Formats()
    {
        var grid = new TheoryData<HiddenRequantization, int, int, int, int, int>();
        foreach (var mode in Enum.GetValues<HiddenRequantization>())
        {
            // hidden, codes, simd, hidden width, hidden fraction
            grid.Add(mode, 5, 3, 2, 10, 8);
            grid.Add(mode, 4, 1, 1, 12, 10);
            grid.Add(mode, 40, 3, 32, 12, 9);
            grid.Add(mode, 12, 2, 4, 9, 6);
        }
        return grid;
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void OtherFormatsAndFoldingsMatchTheGoldenModel(HiddenRequantization mode, int hidden, int codes, int simd, int width, int fraction)
    {
        var spec = new AcceleratorSpec { HiddenSize = hidden, ActivationCodes = codes, Requantization = mode, Hidden = new FixedFormat(width, fraction) }.Validate();
        Check(spec, simd);
    }

    private static void Check(AcceleratorSpec spec, int simd)
    {
        var unit = HiddenStateRequantizer.Generate(spec, simd);
        using var work = new TestDirectory();
        var block = GeneratedBlock.Prepare(unit.Module, work.Path);
        Assert.True(block.Lint.Clean, string.Join("\n", block.Lint.Verilator.Concat(block.Lint.Icarus)));
        using var sim = block.Model.Start();
        foreach (int seed in new[] { spec.HiddenSize * 13 + spec.ActivationCodes, 7 })
        {
            var result = RequantizerCosim.Run(sim, unit, vectors: 6, seed, sourceIdle: 0.3, sinkStall: 0.3);
            Assert.Empty(result.Mismatches);
            Assert.Equal(6 * spec.ActivationCodes * unit.Words, result.BeatsChecked);
        }

        // With a ready sink and a source that never idles, the cycle count is the formula's.
        var timed = RequantizerCosim.Run(sim, unit, vectors: 2, seed: 3, sourceIdle: 0, sinkStall: 0);
        Assert.Empty(timed.Mismatches);
        Assert.Equal(unit.Cycles, timed.CyclesPerVector);
    }
}
