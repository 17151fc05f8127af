using Fpga.Gen.Cores.Accelerator;
using Fpga.Gen.Spec;
using Fpga.Host.Bitstream;
using Fpga.Host.Golden;
using Fpga.Host.Models;
using Fpga.Host.Testbench;

namespace Fpga.Cosim.Tests.Testbench;

/// <summary>
/// The main job's accelerator (host/models/fashion-mnist-w2a2.spec.json) as yosys maps it for
/// the UP5K, simulated gate by gate in its generated bench: the netlist the bitstream is made
/// of gives the golden model's logits and counters. About 2.5 minutes under Icarus.
/// </summary>
public sealed class Ice40NetlistBenchTests : IDisposable
{
    private readonly TestDirectory _work = new();

    public void Dispose() => _work.Dispose();

    private static AcceleratorSpec MainJobSpec()
    {
        string path = RepositoryFile.Find("host/models/fashion-mnist-w2a2.spec.json");
        return AcceleratorSpec.FromJson(File.ReadAllText(path), path);
    }

    [Fact]
    public void TheMainJobsSynthesizedNetlistGivesTheGoldenOutputs()
    {
        var spec = MainJobSpec();
        var options = new BenchOptions(Sequences: 2, Steps: 3);
        var model = BenchModel.ForSpec(spec, options.Seed);
        var accelerator = LstmAccelerator.Generate(spec);
        var bench = AcceleratorTestbench.Create(accelerator, ModelImage.Build(model, spec), BenchModel.Inputs(model, spec, options), options);
        string directory = TestbenchWriter.Write(_work.Path, accelerator.Module, bench);

        var run = Ice40NetlistBench.Run(bench, directory, accelerator.Module.Name);

        string netlist = File.ReadAllText(Path.Combine(_work.Path, Ice40NetlistBench.NetlistFile));
        // The hard blocks the flow places are in the netlist being simulated, not behavioural memories.
        Assert.Contains("SB_MAC16", netlist, StringComparison.Ordinal);
        Assert.Contains("SB_SPRAM256KA", netlist, StringComparison.Ordinal);
        Assert.Contains("SB_RAM40_4K", netlist, StringComparison.Ordinal);
        Assert.Contains($"PASS: {options.Sequences * spec.DenseOutputs} outputs match", run.StandardOutput, StringComparison.Ordinal);
    }
}
