using Fpga.Host.Tests.Support;

namespace Fpga.Host.Tests.Cli;

public sealed class BitstreamCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void TheBringUpDesignBecomesAnIceBreakerBitstreamWithItsReport()
    {
        string output = Path.Combine(_dir.Path, "icebreaker");
        var run = CliRun.Of("bitstream", "--board", "icebreaker", "--loopback", "-o", output);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("48 MHz achieved", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"ICESTORM_LC\s+\d+ / 5280", run.Out);
        Assert.Matches(@"Fmax \d+\.\d\d MHz against 48\.00 MHz: met", run.Out);
        Assert.True(new FileInfo(Path.Combine(output, "design.bin")).Length > 100_000);
    }

    [Fact]
    public void AnArtyGetsAVivadoScriptConstraintsAndAYosysUtilization()
    {
        string output = Path.Combine(_dir.Path, "arty");
        var run = CliRun.Of("bitstream", "--board", "arty-a7-35t", "--loopback", "-o", output);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Matches(@"yosys synth_xilinx: \d+ LUTs, \d+ flip-flops", run.Out);
        var script = File.ReadAllText(Path.Combine(output, "build.tcl"));
        Assert.Contains("synth_design -top arty_a7_35t_top -part xc7a35ticsg324-1L", script, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "arty-a7-35t.xdc")));
        Assert.True(File.Exists(Path.Combine(output, "clock_arty_a7_35t.v")));
    }

    [Fact]
    public void AClockThePllCannotReachIsRefusedWithTheAchievedFrequency()
    {
        var run = CliRun.Of("bitstream", "--board", "ulx3s", "--loopback", "--freq", "48", "-o", Path.Combine(_dir.Path, "ulx3s"));
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: ulx3s: the PLL gives 46.875 MHz for the requested 48 MHz", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir.Path, "ulx3s")));
    }

    [Fact]
    public void AnUnknownBoardNamesTheSupportedOnes()
    {
        var run = CliRun.Of("bitstream", "--board", "de10-nano", "--loopback", "-o", Path.Combine(_dir.Path, "x"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("icebreaker, ulx3s, arty-a7-35t", run.Error, StringComparison.Ordinal);
    }
}
