using System.CommandLine;
using Fpga.Gen.Cores.XnorPopcount;
using Fpga.Gen.Shipped;
using Fpga.Host.Diagnostics;
using Fpga.Host.Generation;
using Fpga.Host.Golden;
using Fpga.Host.Quantization;
using Fpga.Host.Testbench;

namespace Fpga.Cli.Commands;

/// <summary>`fpga gen`: writes generated RTL, one module per file.</summary>
public static class GenCommand
{
    public static Command Create(CliConsole console)
    {
        var output = new Option<string>("--output", "-o") { Description = "Directory to write the RTL into.", Required = true };
        var shipped = new Option<bool>("--shipped") { Description = "Regenerate every shipped configuration (the contents of hw/)." };
        var block = new Option<string?>("--block") { Description = "Generate one block: xnor-dot or xnor-mvu." };
        var simd = new Option<int>("--simd") { Description = "SIMD width in bits (xnor-dot).", DefaultValueFactory = _ => 256 };
        var levels = new Option<int>("--levels-per-stage") { Description = "Adder-tree levels between pipeline registers (xnor-dot).", DefaultValueFactory = _ => 2 };
        var rows = new Option<int>("--rows") { Description = "Matrix rows (xnor-mvu).", DefaultValueFactory = _ => 64 };
        var cols = new Option<int>("--cols") { Description = "Matrix columns (xnor-mvu).", DefaultValueFactory = _ => 64 };
        var pe = new Option<int>("--pe") { Description = "Rows in parallel (xnor-mvu).", DefaultValueFactory = _ => 4 };
        var kw = new Option<int>("--kw") { Description = "Weight codes (xnor-mvu).", DefaultValueFactory = _ => 2 };
        var ka = new Option<int>("--ka") { Description = "Activation codes (xnor-mvu).", DefaultValueFactory = _ => 2 };
        var config = new Option<string?>("--config") { Description = "An accelerator spec (JSON): generate its top, every module below it and a manifest." };
        var model = new Option<string?>("--model") { Description = "A quantized model: derive its spec, then as --config." };
        var seed = new Option<int>("--seed") { Description = "Seed of the testbench's random inputs, sink stalls and (with --config) model.", DefaultValueFactory = _ => 1 };
        var sequences = new Option<int>("--sequences") { Description = "Sequences the testbench replays.", DefaultValueFactory = _ => 2 };
        var steps = new Option<int>("--steps") { Description = "Steps per sequence in the testbench.", DefaultValueFactory = _ => 16 };
        var stall = new Option<double>("--stall") { Description = "Probability that the testbench's sink stalls a cycle.", DefaultValueFactory = _ => 0.25 };
        var command = new Command("gen", "Generate Verilog for a spec, a quantized model, a block or the shipped configurations.") { output, config, model, shipped, block, simd, levels, rows, cols, pe, kw, ka, seed, sequences, steps, stall };
        command.SetAction(parse =>
        {
            var directory = parse.GetValue(output)!;
            var bench = new BenchOptions(parse.GetValue(sequences), parse.GetValue(steps), parse.GetValue(seed), parse.GetValue(stall)).Validate();
            if (parse.GetValue(config) is { } configPath)
            {
                var spec = SpecFile.Read(configPath);
                return GenerateSpec(console, directory, spec, () => BenchModel.ForSpec(spec, bench.Seed), bench);
            }
            if (parse.GetValue(model) is { } modelPath)
            {
                var quantized = SpecFile.ReadQuantized(modelPath);
                return GenerateSpec(console, directory, Fpga.Host.Golden.AcceleratorSpecs.ForModel(quantized), () => quantized, bench);
            }
            if (parse.GetValue(shipped))
            {
                foreach (var design in ShippedDesigns.All())
                {
                    var files = RtlWriter.Write(Path.Combine(directory, design.Directory), design.Files());
                    console.Out.WriteLine($"{design.Directory}: {design.Summary} ({files.Count} file{(files.Count == 1 ? "" : "s")})");
                }
                return FpgaCli.ExitOk;
            }
            switch (parse.GetValue(block))
            {
                case "xnor-dot":
                    var options = new XnorPopcountDotOptions(parse.GetValue(simd), parse.GetValue(levels));
                    var unit = XnorPopcountDot.Generate(options);
                    foreach (var file in RtlWriter.Write(directory, Fpga.Gen.Emit.VerilogEmitter.EmitHierarchy(unit.Module)))
                        console.Out.WriteLine($"wrote {file}");
                    console.Out.WriteLine($"{unit.Module.Name}: latency {unit.Latency} cycles, {unit.TreeLevels} tree levels in {unit.TreeStages} stages, output {unit.OutputWidth} bits signed");
                    return FpgaCli.ExitOk;
                case "xnor-mvu":
                    var mvu = Fpga.Gen.Cores.Mvu.XnorMvu.Generate(new Fpga.Gen.Cores.Mvu.XnorMvuOptions(
                        parse.GetValue(rows), parse.GetValue(cols), parse.GetValue(pe), parse.GetValue(simd), parse.GetValue(kw), parse.GetValue(ka)));
                    foreach (var file in RtlWriter.Write(directory, Fpga.Gen.Emit.VerilogEmitter.EmitHierarchy(mvu.Module)))
                        console.Out.WriteLine($"wrote {file}");
                    console.Out.WriteLine($"{mvu.Module.Name}: {mvu.Options.IssueCycles} + {mvu.TailCycles} cycles per product, accumulators {mvu.AccumulatorWidth} bits");
                    return FpgaCli.ExitOk;
                case null:
                    throw new FpgaException("say what to generate: --shipped or --block xnor-dot");
                case var other:
                    throw new FpgaException($"unknown block '{other}'; known: xnor-dot, xnor-mvu");
            }
        });
        return command;
    }

    private static int GenerateSpec(CliConsole console, string directory, Fpga.Gen.Spec.AcceleratorSpec spec, Func<QuantizedModel> model, BenchOptions benchOptions)
    {
        // The bench is built (golden model included) before anything is written, so a failure leaves nothing behind.
        var accelerator = Fpga.Gen.Cores.Accelerator.LstmAccelerator.Generate(spec);
        var quantized = model();
        var bench = AcceleratorTestbench.Create(accelerator, ModelImage.Build(quantized, spec), BenchModel.Inputs(quantized, spec, benchOptions), benchOptions);
        var files = RtlWriter.Write(directory, Fpga.Gen.Emit.VerilogEmitter.EmitHierarchy(accelerator.Module));
        AcceleratorManifest.Write(directory, accelerator);
        console.Out.WriteLine($"spec {spec.Hash[..16]} (design id 0x{spec.DesignId:x8}): top {accelerator.Module.Name}, {files.Count} modules and {AcceleratorManifest.FileName} in {directory}");
        console.Out.WriteLine($"  write bus: {accelerator.MemoryMap.AddressWidth}-bit address, {accelerator.MemoryMap.DataWidth}-bit data, {accelerator.MemoryMap.Regions.Count} regions");
        console.Out.WriteLine($"  input: {accelerator.InputBeatsPerStep} beats of {accelerator.InputBeatWidth} bits a step");
        console.Out.WriteLine($"  {accelerator.CyclesPerStep} cycles per step (ideal {accelerator.Folding.IdealCyclesPerStep:0.#}){(accelerator.DenseCycles > 0 ? $", {accelerator.DenseCycles} more for the logits" : "")}");
        var benchDirectory = TestbenchWriter.WriteBench(directory, bench);
        console.Out.WriteLine($"testbench {bench.Top} of {accelerator.Module.Name}: {bench.Steps} steps, {bench.Outputs} outputs; how to run it: {Path.Combine(benchDirectory, BenchReadme.FileName)}");
        return FpgaCli.ExitOk;
    }
}
