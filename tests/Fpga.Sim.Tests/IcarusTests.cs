using Fpga.Sim.Icarus;

namespace Fpga.Sim.Tests;

public sealed class IcarusTests : IDisposable
{
    private readonly DirectoryInfo scratch = Directory.CreateTempSubdirectory("fpga-icarus-test-");

    [Fact]
    public void FixtureCompilesCleanlyAsVerilog2005()
    {
        var result = IcarusCompile.Run(SelfTestDesign.Sources, SelfTestDesign.TopModule, Path.Combine(scratch.FullName, "fixture.vvp"));
        Assert.True(result.IsClean, string.Join('\n', result.Diagnostics));
        Assert.True(File.Exists(result.OutputPath));
    }

    [Fact]
    public void AnUnknownTopModuleFailsWithIverilogsMessage()
    {
        var result = IcarusCompile.Run(SelfTestDesign.Sources, "no_such_module", Path.Combine(scratch.FullName, "none.vvp"));
        Assert.False(result.Succeeded);
        Assert.Contains(result.Diagnostics, line => line.Contains("no_such_module"));
    }

    [Fact]
    public void BenchRunsTheCompiledDesign()
    {
        // The fixture has no testbench: vvp elaborates it, finds no events and ends at time 0.
        var result = IcarusBench.Run(SelfTestDesign.Sources, SelfTestDesign.TopModule);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.StandardError);
    }

    [Fact]
    public void BenchReportsACompileFailureAsAnException()
    {
        var error = Assert.Throws<SimulationException>(() => IcarusBench.Run(SelfTestDesign.Sources, "no_such_module"));
        Assert.Contains("no_such_module", error.Message);
    }

    public void Dispose() => scratch.Delete(recursive: true);
}
