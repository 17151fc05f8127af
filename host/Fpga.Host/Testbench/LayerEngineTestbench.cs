using Fpga.Gen.Cores.Lstm;
using Fpga.Gen.Emit;
using Fpga.Gen.Testbench;
using Fpga.Host.Golden;

namespace Fpga.Host.Testbench;

/// <summary>
/// The self-checking bench of the layer engine (layer 0 of a spec) for a model image and
/// coded input sequences: vectors from the golden model, the bench module from
/// <see cref="SelfCheckingBench"/> with the <see cref="LayerEngineBench"/> adapter.
/// </summary>
public static class LayerEngineTestbench
{
    public static GeneratedTestbench Create(LstmLayerEngine engine, ModelImage image, IReadOnlyList<IReadOnlyList<CodedVector>> sequences, BenchOptions options)
    {
        options.Validate();
        var layout = new LayerEngineBench(engine);
        var ready = BenchVectors.ReadyPattern(options.ReadyPatternLength, options.Stall, options.Seed + 2);
        var vectors = LayerEngineBenchVectors.Build(layout, image, sequences, ready);
        var size = new BenchSize(vectors.Image.Count, vectors.Input.Count, vectors.Expected.Count, vectors.Steps, ready.Count);
        var bench = SelfCheckingBench.Generate(layout, size, CycleLimit(engine, vectors, options.Stall));
        var dutFiles = VerilogEmitter.EmitHierarchy(engine.Module).Select(f => f.FileName).ToArray();
        var result = new GeneratedTestbench(bench.Name, [], dutFiles, vectors.Expected.Count, vectors.Steps);
        EmittedFile[] files =
        [
            new(result.BenchFile, VerilogEmitter.Emit(bench)),
            HexVectorFile.Create(BenchFiles.Image, vectors.Image, layout.ImageEntryWidth),
            HexVectorFile.Create(BenchFiles.Input, vectors.Input, layout.InputEntryWidth),
            HexVectorFile.Create(BenchFiles.Expected, vectors.Expected, engine.Spec.Hidden.Width),
            HexVectorFile.Create(BenchFiles.Ready, ready.Select(r => r ? System.Numerics.BigInteger.One : System.Numerics.BigInteger.Zero), 1),
            new(BenchReadme.FileName, BenchReadme.Text(bench.Name, engine.Module.Name, result.Sources, vectors.Expected.Count, vectors.Steps, vectors.Image.Count, options)),
        ];
        return result with { Files = files };
    }

    /// <summary>
    /// Generous: every write a few cycles, every step several times its cost with the sink
    /// stalling; only a hung design gets near it.
    /// </summary>
    private static long CycleLimit(LstmLayerEngine engine, BenchVectors vectors, double stall)
    {
        long perStep = engine.Input.CyclesPerProduct + engine.Recurrent.CyclesPerProduct + engine.Requantizer.Cycles + 4L * engine.Spec.HiddenSize + 64;
        return 1000 + 4L * (vectors.Image.Count + vectors.Input.Count) + (long)(8 * perStep * vectors.Steps / (1 - stall));
    }
}
