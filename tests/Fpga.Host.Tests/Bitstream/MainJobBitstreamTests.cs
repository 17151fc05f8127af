using Fpga.Gen.Boards;
using Fpga.Gen.Spec;
using Fpga.Host.Bitstream;
using Fpga.Host.Tests.Support;

namespace Fpga.Host.Tests.Bitstream;

/// <summary>
/// The main job's accelerator (host/models/fashion-mnist-w2a2.spec.json) behind the UART link
/// on the iCEBreaker: yosys, nextpnr and icepack, about 1.5 minutes. A change that makes the
/// design outgrow the UP5K or miss the spec's clock fails here, not on a user's bench.
/// </summary>
public class MainJobBitstreamTests
{
    [Fact]
    public void TheMainJobFitsTheUp5kAndMeetsItsClock()
    {
        var spec = AcceleratorSpec.FromJson(File.ReadAllText(ShippedFiles.Path("fashion-mnist-w2a2.spec.json")), "fashion-mnist-w2a2.spec.json");
        using var temp = new TempDirectory();
        var report = Ice40BitstreamFlow.Build(AcceleratorBoard.For(SupportedBoards.IceBreaker, spec), temp.Path);

        Assert.Equal(104_090, new FileInfo(report.BitstreamPath).Length);
        var clock = Assert.Single(report.Placement.Clocks);
        Assert.True(clock.Met, $"{clock.AchievedMhz} MHz < {clock.ConstraintMhz} MHz");
        Assert.Equal(spec.ClockHz / 1e6, clock.ConstraintMhz, 2);
        int Used(string resource) => report.Placement.Utilization.Single(u => u.Resource == resource).Used;
        Assert.InRange(Used("ICESTORM_LC"), 1, 5280);
        Assert.InRange(Used("ICESTORM_DSP"), 1, 8);
        // The recurrent weight planes live in SPRAM, as MemoryTechnology.Ice40 places them.
        Assert.InRange(Used("ICESTORM_SPRAM"), 1, 4);
    }
}
