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
}
