using Fpga.Sim.Verilator;

namespace Fpga.Sim.Tests;

public sealed class WaveformTests : IDisposable
{
    private readonly DirectoryInfo scratch = Directory.CreateTempSubdirectory("fpga-waveform-test-");

    [Fact]
    public void AVcdModelWritesEveryPortAndEveryEdge()
    {
        var model = VerilatorModelBuild.Build(SelfTestDesign.ModelOptions(WaveformFormat.Vcd));
        var path = Path.Combine(scratch.FullName, "counter.vcd");
        using (var simulation = model.Start(new SimulationOptions { WaveformPath = path }))
        {
            simulation.Set("enable", true);
            simulation.Step(4);
            Assert.Equal(4, (int)simulation.Get("count"));
        }
        var vcd = File.ReadAllText(path);
        Assert.Contains("$enddefinitions", vcd);
        Assert.Contains(" count ", vcd);
        Assert.Contains(" wide_q ", vcd);
        // Four cycles of two time units each, plus the final sample.
        Assert.Contains("\n#8\n", vcd);
    }

    public void Dispose() => scratch.Delete(recursive: true);
}
