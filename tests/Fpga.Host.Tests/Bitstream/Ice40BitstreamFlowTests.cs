using Fpga.Gen.Boards;
using Fpga.Gen.Boards.Clocking;
using Fpga.Gen.Hdl;
using Fpga.Gen.Spec;
using Fpga.Host.Bitstream;
using Fpga.Host.Diagnostics;
using Fpga.Host.Tests.Support;

namespace Fpga.Host.Tests.Bitstream;

/// <summary>The open iCE40 flow end to end on the bring-up core: seconds per build.</summary>
public class Ice40BitstreamFlowTests
{
    /// <summary>Built by hand, not through BoardDesigns: these tests want PLL clocks that BoardDesigns refuses as inexact (40 MHz gives 39.75).</summary>
    private static BoardDesign Design(long clockHz, int counterBits = 24)
    {
        var board = SupportedBoards.IceBreaker;
        var conventions = DesignConventions.Default;
        var plan = board.PlanClock(clockHz);
        var top = BoardShell.Generate(board, LoopbackCore.Generate(conventions, counterBits), ClockGenerator.Generate(board, plan),
            ResetSynchronizer.Generate(conventions), conventions);
        return new BoardDesign(board, plan, top);
    }

    [Fact]
    public void BuildsABitstreamThatFitsAndMeetsThePllClock()
    {
        using var temp = new TempDirectory();
        string output = temp.Path;
        var report = Ice40BitstreamFlow.Build(Design(40_000_000), output);
        var bytes = File.ReadAllBytes(report.BitstreamPath);
        // icepack writes FF 00 00 FF, then the iCE40 configuration preamble 7E AA 99 7E.
        Assert.Equal(new byte[] { 0xFF, 0x00, 0x00, 0xFF, 0x7E, 0xAA, 0x99, 0x7E }, bytes[..8]);
        Assert.Equal(1, report.Placement.Utilization.Single(r => r.Resource == "ICESTORM_PLL").Used);
        var clock = Assert.Single(report.Placement.Clocks);
        Assert.True(clock.Met, $"{clock.AchievedMhz} MHz < {clock.ConstraintMhz} MHz");
        Assert.InRange(clock.ConstraintMhz, 39.7, 39.8);
        Assert.True(File.Exists(Path.Combine(output, "icebreaker.pcf")));
        Assert.False(Directory.Exists(Path.Combine(output, BuildDirectory.FailureFolder)));
    }

    [Fact]
    public void ADesignTooBigForTheDeviceFailsClearlyAndKeepsTheLastGoodBitstream()
    {
        using var temp = new TempDirectory();
        string output = temp.Path;
        var good = Ice40BitstreamFlow.Build(Design(40_000_000), output);
        var before = File.ReadAllBytes(good.BitstreamPath);
        var e = Assert.Throws<FpgaException>(() => Ice40BitstreamFlow.Build(Design(20_000_000, counterBits: 5400), output));
        Assert.Contains("up5k", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(good.BitstreamPath));
        // More LUT4 than the device has logic cells: refused after synthesis, its log kept.
        Assert.True(File.Exists(Path.Combine(output, BuildDirectory.FailureFolder, "yosys.log")));
    }

    [Fact]
    public void AnAcceleratorOutOfBlockRamFailsRightAfterSynthesisNamingTheResource()
    {
        // Inferred memories: each of the many small memories takes a 4-kbit EBR, more than the UP5K's 30.
        using var temp = new TempDirectory();
        var spec = new AcceleratorSpec { InputSize = 28, HiddenSize = 16, Simd = 8, Memory = MemoryTechnology.Inferred, ClockHz = 48_000_000 };
        var e = Assert.Throws<FpgaException>(() => Ice40BitstreamFlow.Build(AcceleratorBoard.For(SupportedBoards.IceBreaker, spec), temp.Path));
        Assert.Matches(@"the design does not fit the up5k: \d+ EBR \(4-kbit block RAM\) of 30(, [^;]+)? after synthesis", e.Message);
        // Refused before place and route.
        Assert.False(File.Exists(Path.Combine(temp.Path, BuildDirectory.FailureFolder, "nextpnr.out.log")));
    }

    [Fact]
    public void MissingTimingAtThePllClockFailsNamingBothFrequencies()
    {
        using var temp = new TempDirectory();
        string output = temp.Path;
        var e = Assert.Throws<FpgaException>(() => Ice40BitstreamFlow.Build(Design(240_000_000, counterBits: 64), output));
        Assert.Contains("misses timing", e.Message, StringComparison.Ordinal);
        Assert.Matches(@"reaches \d+\.\d\d MHz, the PLL gives 24\d\.\d\d MHz", e.Message);
        Assert.False(File.Exists(Path.Combine(output, Ice40BitstreamFlow.BitstreamFile)));
    }

    [Fact]
    public void AnotherFamilyIsPointedToItsScripts()
    {
        var board = SupportedBoards.Ulx3s;
        var plan = board.PlanClock(50_000_000);
        var design = new BoardDesign(board, plan, LoopbackCore.Generate(DesignConventions.Default));
        var e = Assert.Throws<FpgaException>(() => Ice40BitstreamFlow.Build(design, Path.Combine(Path.GetTempPath(), "unused")));
        Assert.Contains("scripts", e.Message, StringComparison.Ordinal);
    }
}
