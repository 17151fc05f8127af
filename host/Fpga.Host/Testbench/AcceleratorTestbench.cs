using System.Numerics;
using Fpga.Gen.Cores.Accelerator;
using Fpga.Gen.Emit;
using Fpga.Gen.Testbench;
using Fpga.Host.Golden;

namespace Fpga.Host.Testbench;

/// <summary>
/// The self-checking bench of the accelerator top for a model image and coded input
/// sequences: vectors from the packer and the golden model, the bench module from
/// <see cref="SelfCheckingBench"/> with the <see cref="AcceleratorBench"/> adapter.
/// </summary>
public static class AcceleratorTestbench
{
    public static GeneratedTestbench Create(LstmAccelerator accelerator, ModelImage image, IReadOnlyList<IReadOnlyList<CodedVector>> sequences, BenchOptions options)
    {
        options.Validate();
        var layout = new AcceleratorBench(accelerator);
        var ready = BenchVectors.ReadyPattern(options.ReadyPatternLength, options.Stall, options.Seed + 2);
        var vectors = AcceleratorBenchVectors.Build(layout, image, sequences, ready);
        var size = new BenchSize(vectors.Image.Count, vectors.Input.Count, vectors.Expected.Count, vectors.Steps, ready.Count);
        var bench = SelfCheckingBench.Generate(layout, size, CycleLimit(accelerator, vectors, sequences.Count, options.Stall));
        var dutFiles = VerilogEmitter.EmitHierarchy(accelerator.Module).Select(f => f.FileName).ToArray();
        var result = new GeneratedTestbench(bench.Name, [], dutFiles, vectors.Expected.Count, vectors.Steps);
        EmittedFile[] files =
        [
            new(result.BenchFile, VerilogEmitter.Emit(bench)),
            HexVectorFile.Create(BenchFiles.Image, vectors.Image, layout.ImageEntryWidth),
            HexVectorFile.Create(BenchFiles.Input, vectors.Input, layout.InputEntryWidth),
            HexVectorFile.Create(BenchFiles.Expected, vectors.Expected, accelerator.OutputFormat.Width),
            HexVectorFile.Create(BenchFiles.Ready, ready.Select(r => r ? BigInteger.One : BigInteger.Zero), 1),
            new(BenchReadme.FileName, BenchReadme.Text(bench.Name, accelerator.Module.Name, result.Sources, vectors.Expected.Count, vectors.Steps, vectors.Image.Count, options)),
        ];
        return result with { Files = files };
    }

    /// <summary>
    /// Generous: every write and beat a few cycles, every step (and the tail of the layer pipeline) and every sequence's logits
    /// several times their cost with the sink stalling; only a hung design gets near it.
    /// </summary>
    private static long CycleLimit(LstmAccelerator accelerator, BenchVectors vectors, int sequences, double stall)
    {
        long perStep = accelerator.CyclesPerStep + accelerator.Spec.HiddenSize + 64;
        long perSequence = accelerator.DenseCycles + accelerator.Spec.DenseOutputs + 64;
        return 1000 + 4L * (vectors.Image.Count + vectors.Input.Count) + (long)(8 * (perStep * (vectors.Steps + accelerator.PipelineDepth) + perSequence * sequences) / (1 - stall));
    }
}
