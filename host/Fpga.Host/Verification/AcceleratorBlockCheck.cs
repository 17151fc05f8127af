using Fpga.Gen.Cores.Accelerator;
using Fpga.Gen.Spec;
using Fpga.Host.Golden;
using Fpga.Host.Models;
using Fpga.Host.Quantization;

namespace Fpga.Host.Verification;

/// <summary>
/// The shape of a random model for an accelerator check: <paramref name="Codes"/> activation
/// codes (ka) and as many weight codes (kw) unless <paramref name="WeightCodes"/> says otherwise;
/// <paramref name="Pe"/> rows a cycle in every matrix-vector unit (a divisor or a multiple of 4).
/// </summary>
public sealed record AcceleratorCheckShape(int Inputs, int Hidden, int Layers, int DenseOutputs, OutputMode Output, int Codes, int Simd,
    HiddenRequantization Requantization = HiddenRequantization.Greedy, int? WeightCodes = null, NonlinearityKind Nonlinearity = NonlinearityKind.Table,
    MemoryTechnology Memory = MemoryTechnology.Inferred, int Pe = 4, FixedFormat? Coefficients = null)
{
    public int Kw => WeightCodes ?? Codes;

    public override string ToString() =>
        $"{Inputs} in, H {Hidden}, {Layers} layer{(Layers == 1 ? "" : "s")}, {(Output == OutputMode.LogitsAtEnd ? $"{DenseOutputs} logits" : "h")}, kw {Kw} ka {Codes}, SIMD {Simd}, "
        + $"{Requantization.ToString().ToLowerInvariant()}, {(Nonlinearity == NonlinearityKind.Table ? "table" : "pwl")}"
        + (Memory == MemoryTechnology.Inferred ? "" : $", {Memory.ToString().ToLowerInvariant()} memories")
        + (Pe == 4 ? "" : $", PE {Pe}")
        + (Coefficients is null ? "" : $", coefficients {Coefficients}");
}

/// <summary>Everything checked of one generated accelerator top against the golden model.</summary>
public sealed record AcceleratorBlockReport(LstmAccelerator Accelerator, LintReport Lint, TimeSpan BuildTime, bool BuildCached, AcceleratorCosimResult Cosim)
{
    public bool Passed => Lint.Clean && Cosim.Passed;
}

/// <summary>
/// A random float LSTM quantized with alternating codes, its spec and image, the generated
/// accelerator top in Verilator, and sequences of quantized inputs streamed through it and
/// compared with the golden model.
/// </summary>
public static class AcceleratorBlockCheck
{
    public static (LstmAccelerator Accelerator, ModelImage Image, IReadOnlyList<IReadOnlyList<CodedVector>> Sequences) Prepare(
        AcceleratorCheckShape shape, int sequences, int steps, int seed)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var model = RandomLstmModel.Create(shape.Inputs, shape.Hidden, shape.Layers, shape.DenseOutputs, seed);
        var method = new ActivationQuantization(QuantMethod.Alternating, shape.Codes);
        var (quantized, _) = ModelQuantizer.Quantize(model, new QuantizerOptions(QuantMethod.Alternating, shape.Kw), method);
        var spec = AcceleratorSpecs.ForModel(quantized, pe: shape.Pe, simd: shape.Simd) with
        {
            Output = shape.Output, Requantization = shape.Requantization, Nonlinearity = shape.Nonlinearity, Memory = shape.Memory,
        };
        if (shape.Coefficients is { } format) spec = spec with { WeightCoefficient = format, ActivationCoefficient = format };
        var batch = RandomLstmModel.Inputs(sequences, steps, shape.Inputs, seed + 1);
        // Static coefficients are calibrated on the float model over the same inputs, as a user would on a calibration set.
        var calibration = shape.Requantization == HiddenRequantization.Static ? StaticCalibration.Calibrate(model, batch, shape.Codes) : null;
        var image = ModelImage.Build(quantized, spec.Validate(), calibration);
        var accelerator = LstmAccelerator.Generate(spec);
        var coded = Enumerable.Range(0, sequences).Select(s => StepInput.QuantizeSequence(batch, s, method, spec)).ToArray();
        return (accelerator, image, coded);
    }

    public static AcceleratorBlockReport Run(AcceleratorCheckShape shape, int sequences, int steps, string workDirectory, int seed, double sinkStall,
        SequenceStart start = SequenceStart.Flags)
    {
        var (accelerator, image, coded) = Prepare(shape, sequences, steps, seed);
        var block = GeneratedBlock.Prepare(accelerator.Module, workDirectory);
        return GeneratedBlock.Simulate(() =>
        {
            using var sim = block.Model.Start();
            var cosim = AcceleratorCosim.Run(sim, accelerator, image, coded, seed, sinkStall, start);
            return new AcceleratorBlockReport(accelerator, block.Lint, block.Model.BuildTime, block.Model.FromCache, cosim);
        });
    }
}
