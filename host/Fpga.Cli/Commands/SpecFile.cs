using Fpga.Gen.Spec;
using Fpga.Host.Diagnostics;
using Fpga.Host.Quantization;

namespace Fpga.Cli.Commands;

/// <summary>The spec behind --config (a JSON file) or --model (a quantized model), for every command that takes them.</summary>
internal static class SpecFile
{
    public static AcceleratorSpec Read(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (IOException e) { throw new FpgaException($"{path}: {e.Message}"); }
        catch (UnauthorizedAccessException e) { throw new FpgaException($"{path}: {e.Message}"); }
        return AcceleratorSpec.FromJson(text, path);
    }

    public static QuantizedModel ReadQuantized(string path) =>
        Fpga.Host.Models.ModelFileReader.Read(path).QuantizedModel
        ?? throw new FpgaException($"{path}: is a float model; quantize it first (fpga quantize)");

    public static AcceleratorSpec ForModel(string path) => Fpga.Host.Golden.AcceleratorSpecs.ForModel(ReadQuantized(path));

    /// <summary>
    /// The spec a quantized model runs on: the spec file when given (it must describe this
    /// model: sizes, layers, dense outputs, kw, ka and output mode; everything else, folding,
    /// formats, re-quantization, memories, clock and baud rate, is the file's), else the
    /// model's default spec.
    /// </summary>
    public static AcceleratorSpec ForModel(QuantizedModel model, string modelPath, string? configPath)
    {
        if (configPath is null) return Fpga.Host.Golden.AcceleratorSpecs.ForModel(model);
        var config = Read(configPath);
        var derived = Fpga.Host.Golden.AcceleratorSpecs.ForModel(model, config.Pe, config.Simd, config);
        if (derived.Hash == config.Hash) return config;
        var differences = new (string Field, object Model, object File)[]
        {
            (nameof(config.InputSize), derived.InputSize, config.InputSize),
            (nameof(config.HiddenSize), derived.HiddenSize, config.HiddenSize),
            (nameof(config.Layers), derived.Layers, config.Layers),
            (nameof(config.DenseOutputs), derived.DenseOutputs, config.DenseOutputs),
            (nameof(config.WeightCodes), derived.WeightCodes, config.WeightCodes),
            (nameof(config.ActivationCodes), derived.ActivationCodes, config.ActivationCodes),
            (nameof(config.Output), derived.Output, config.Output),
        }.Where(d => !Equals(d.Model, d.File)).Select(d => $"{d.Field} {d.File} (the model has {d.Model})");
        throw new FpgaException($"{configPath} does not describe {modelPath}: {string.Join(", ", differences)}");
    }
}
