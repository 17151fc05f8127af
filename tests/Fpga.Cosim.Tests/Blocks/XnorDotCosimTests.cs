using Fpga.Gen.Cores.XnorPopcount;
using Fpga.Host.Verification;

namespace Fpga.Cosim.Tests.Blocks;

/// <summary>
/// The generated dot-product unit against the C# reference, in Verilator: every output exact,
/// the generator's latency observed, valid/ready honoured under random back-pressure, and one
/// beat per cycle at full rate. One Verilator build per configuration (cached by content).
/// </summary>
public class XnorDotCosimTests
{
    public static TheoryData<int, int> Grid => new()
    {
        { 8, 2 },
        { 13, 1 },
        { 64, 2 },
        { 100, 3 },
        { 256, 2 },
        { 1024, 2 },
    };

    [Theory]
    [MemberData(nameof(Grid))]
    public void MatchesTheReferenceWithItsLatencyUnderBackPressure(int simd, int levelsPerStage)
    {
        using var work = new TestDirectory();
        var report = DotBlockCheck.Run(new XnorPopcountDotOptions(simd, levelsPerStage), work.Path, beats: 400, seed: simd * 31 + levelsPerStage, freeRunningCycles: 10_000);

        Assert.True(report.Lint.Clean, string.Join("\n", report.Lint.Verilator.Concat(report.Lint.Icarus)));
        Assert.Empty(report.BackPressure.Mismatches);
        Assert.Equal(400, report.BackPressure.Checked);
        Assert.Equal(report.Unit.Latency, report.BackPressure.ObservedLatency);
        Assert.Empty(report.FullRate.Mismatches);
        Assert.Equal(4000, report.FullRate.Checked);
        Assert.Equal(report.Unit.Latency, report.FullRate.ObservedLatency);
        // Full rate: one result per cycle once the pipeline is full.
        Assert.Equal(4000 + report.Unit.Latency, report.FullRate.Cycles);
    }
}
