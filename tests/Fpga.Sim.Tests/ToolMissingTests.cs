using Fpga.Sim.Icarus;
using Fpga.Sim.Tools;
using Fpga.Sim.Verilator;

namespace Fpga.Sim.Tests;

public sealed class ToolMissingTests
{
    private static readonly ToolLocator Nowhere = new(
        Verilator: Path.Combine("no-such-directory", "verilator"),
        Iverilog: "fpga-no-such-iverilog",
        Vvp: "fpga-no-such-vvp");

    [Fact]
    public void MissingVerilatorFailsTheBuildWithAnInstallHint()
    {
        var error = Assert.Throws<SimulationException>(() =>
            VerilatorModelBuild.Build(SelfTestDesign.ModelOptions() with { Tools = Nowhere }));
        Assert.Contains("Verilator not found", error.Message);
        Assert.Contains(ToolLocator.InstallHint, error.Message);
    }

    [Fact]
    public void MissingVerilatorFailsLint()
    {
        var error = Assert.Throws<SimulationException>(() =>
            VerilatorLint.Run(SelfTestDesign.Sources, SelfTestDesign.TopModule, tools: Nowhere));
        Assert.Contains(ToolLocator.InstallHint, error.Message);
    }

    [Fact]
    public void MissingIverilogNamesTheCommandThatWasNotOnPath()
    {
        var error = Assert.Throws<SimulationException>(() =>
            IcarusCompile.Run(SelfTestDesign.Sources, SelfTestDesign.TopModule, "unused.vvp", tools: Nowhere));
        Assert.Contains("'fpga-no-such-iverilog' is not on PATH", error.Message);
        Assert.Contains(ToolLocator.InstallHint, error.Message);
    }

    [Fact]
    public void MissingVvpFailsTheBenchBeforeCompiling()
    {
        var error = Assert.Throws<SimulationException>(() =>
            IcarusBench.Run(SelfTestDesign.Sources, SelfTestDesign.TopModule, tools: ToolLocator.Default with { Vvp = "fpga-no-such-vvp" }));
        Assert.Contains("vvp", error.Message);
    }

    [Fact]
    public void InstalledToolsResolveToExecutables()
    {
        Assert.True(File.Exists(ToolLocator.Default.ResolveVerilator()));
        Assert.True(File.Exists(ToolLocator.Default.ResolveIverilog()));
        Assert.True(File.Exists(ToolLocator.Default.ResolveVvp()));
    }
}
