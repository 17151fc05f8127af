using System.CommandLine;
using Fpga.Host.Diagnostics;
using Fpga.Host.Models;
using Fpga.Host.Quantization;

namespace Fpga.Cli.Commands;

/// <summary>`fpga quantize MODEL --method alternating --wbits 2 [--abits 2] -o OUT`.</summary>
public static class QuantizeCommand
{
    public static Command Create(CliConsole console)
    {
        var model = new Argument<string>("model") { Description = "A float model: .safetensors, .npz or .onnx." };
        var method = new Option<string>("--method", "-m") { Description = $"Weight quantizer: {string.Join(", ", QuantMethodNames.All)}.", DefaultValueFactory = _ => "alternating" };
        var wbits = new Option<int?>("--wbits") { Description = "Codes per weight (default: the method's own, or 2)." };
        var abits = new Option<int?>("--abits") { Description = "Codes per activation (default: as --wbits)." };
        var amethod = new Option<string?>("--amethod") { Description = "Activation quantizer (default: as --method)." };
        var cycles = new Option<int>("--cycles") { Description = "Alternating cycles.", DefaultValueFactory = _ => 2 };
        var output = new Option<string>("--output", "-o") { Description = "The quantized model file to write (.safetensors).", Required = true };
        var command = new Command("quantize", "Quantize a float LSTM's weights row by row and report the error per tensor.")
            { model, method, wbits, abits, amethod, cycles, output };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(model)!;
            var file = ModelFileReader.Read(path);
            var network = file.FloatModel ?? throw new FpgaException($"{path}: is already quantized; quantize the float model it came from");
            var weightMethod = QuantMethodNames.Parse(parse.GetValue(method)!);
            int weightBits = parse.GetValue(wbits) ?? QuantMethodNames.NaturalBits(weightMethod);
            var activationMethod = parse.GetValue(amethod) is { } a ? QuantMethodNames.Parse(a) : weightMethod;
            int activationBits = parse.GetValue(abits) ?? (activationMethod == weightMethod ? weightBits : QuantMethodNames.NaturalBits(activationMethod));
            var options = new QuantizerOptions(weightMethod, weightBits, parse.GetValue(cycles));
            options.Validate();
            new QuantizerOptions(activationMethod, activationBits).Validate();
            var (quantized, reports) = ModelQuantizer.Quantize(network, options, new ActivationQuantization(activationMethod, activationBits));
            var outputPath = parse.GetValue(output)!;
            QuantizedModelWriter.Write(outputPath, quantized);

            console.Out.WriteLine($"{QuantMethodNames.Name(weightMethod)} weights, {weightBits} code(s) each; activations {QuantMethodNames.Name(activationMethod)}, {activationBits} code(s)");
            console.Out.WriteLine($"{"tensor",-16} {"shape",-12} {"rel. error",11} {"float32",10} {"packed",10} {"saving",7}");
            foreach (var r in reports)
            {
                console.Out.WriteLine($"{r.Name,-16} {$"{r.Rows}x{r.Cols}",-12} {r.RelativeError,11:F5} {Bytes(r.Footprint.Float32Bytes),10} {Bytes(r.Footprint.QuantizedBytes),10} {r.Footprint.SavedFraction,7:P1}");
            }
            long before = reports.Sum(r => r.Footprint.Float32Bytes), after = reports.Sum(r => r.Footprint.QuantizedBytes);
            console.Out.WriteLine($"{"all weights",-16} {"",-12} {"",11} {Bytes(before),10} {Bytes(after),10} {1 - (double)after / before,7:P1}");
            console.Out.WriteLine($"wrote {outputPath}");
            return FpgaCli.ExitOk;
        });
        return command;
    }

    private static string Bytes(long bytes) => bytes >= 1 << 20 ? $"{bytes / 1048576.0:F2} MiB" : bytes >= 1024 ? $"{bytes / 1024.0:F1} KiB" : $"{bytes} B";
}
