using Fpga.Cli.Commands;
using Fpga.Gen.Cores.Accelerator;
using Fpga.Gen.Spec;
using Fpga.Host.Golden;
using Fpga.Host.Models;
using Fpga.Host.Quantization;

namespace Fpga.Cli.BoardLink;

/// <summary>A quantized model with the spec it runs on, its accelerator and its integer image: what a board needs.</summary>
internal sealed record BoardModel(QuantizedModel Model, AcceleratorSpec Spec, LstmAccelerator Accelerator, ModelImage Image)
{
    /// <summary>The model's spec from <paramref name="configPath"/> (or its default one); the image is built before any board is touched.</summary>
    public static BoardModel Load(string modelPath, string? configPath)
    {
        var model = SpecFile.ReadQuantized(modelPath);
        return For(model, SpecFile.ForModel(model, modelPath, configPath));
    }

    public static BoardModel For(QuantizedModel model, AcceleratorSpec spec) =>
        new(model, spec, LstmAccelerator.Generate(spec), ModelImage.Build(model, spec));

    /// <summary>How the host codes each step's input: layer 0's activation quantizer.</summary>
    public ActivationQuantization InputMethod => Model.Layers[0].Activations;

    /// <summary>Every sequence of a batch as coded steps, the accelerator's input.</summary>
    public IReadOnlyList<IReadOnlyList<CodedVector>> Code(LstmSequenceBatch batch) =>
        Enumerable.Range(0, batch.Batch).Select(b => StepInput.QuantizeSequence(batch, b, InputMethod, Spec)).ToArray();
}
