using Fpga.Gen.Cores.Mvu;
using Fpga.Host.Verification;

namespace Fpga.Cosim.Tests.Blocks;

/// <summary>
/// The folded XNOR matrix-vector unit in Verilator against the C# reference, over foldings
/// from the narrowest (PE 1, SIMD 1) to wide, every code count 1..4, columns that are not a
/// multiple of SIMD, and random back-pressure; cycles per product against the formula.
/// </summary>
public class XnorMvuCosimTests
{
    public static TheoryData<int, int, int, int, int, int> Grid => new()
    {
        { 4, 3, 2, 1, 1, 3 },
        { 8, 10, 1, 4, 1, 1 },
        { 12, 70, 3, 16, 3, 2 },
        { 64, 64, 4, 32, 2, 2 },
        { 16, 200, 16, 64, 4, 4 },
        { 32, 130, 8, 128, 2, 3 },
    };

    [Theory]
    [MemberData(nameof(Grid))]
    public void EveryAccumulatorMatchesTheReference(int rows, int cols, int pe, int simd, int kw, int ka)
    {
        var mvu = XnorMvu.Generate(new XnorMvuOptions(rows, cols, pe, simd, kw, ka));
        using var work = new TestDirectory();
        var block = GeneratedBlock.Prepare(mvu.Module, work.Path);
        Assert.True(block.Lint.Clean, string.Join("\n", block.Lint.Verilator.Concat(block.Lint.Icarus)));
        using var sim = block.Model.Start();

        var result = XnorMvuCosim.Run(sim, mvu, products: 6, seed: rows * 7 + cols, sinkStall: 0.4);

        Assert.Empty(result.Mismatches);
        Assert.Equal(6 * rows, result.RowsChecked);
        Assert.Equal(mvu.CyclesPerProduct, result.ObservedCycles);
    }
}
