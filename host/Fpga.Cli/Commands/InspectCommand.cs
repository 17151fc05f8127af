using System.CommandLine;
using Fpga.Cli.Reports;
using Fpga.Host.Formats.Numpy;
using Fpga.Host.Models;

namespace Fpga.Cli.Commands;

/// <summary>`fpga inspect FILE`: what a model file (or a .npy array) holds.</summary>
public static class InspectCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Argument<string>("file") { Description = "A model (.safetensors, .npz, .onnx, quantized .safetensors) or a .npy array." };
        var command = new Command("inspect", "Describe a model file: layers, shapes, dtypes, parameter count, bytes, metadata.") { file };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(file)!;
            if (path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase))
            {
                var array = NpyReader.Read(path);
                console.Out.WriteLine($"file: {path}");
                console.Out.WriteLine($"format: NumPy array, {array.DType.ToString()} {array.ShapeText}, {TensorTableReport.Bytes(array.Bytes.LongLength)}");
                return FpgaCli.ExitOk;
            }
            var model = ModelFileReader.Read(path);
            console.Out.WriteLine($"file: {path}");
            string container = model.Format == ModelFileFormat.Onnx ? "" : $" in {model.Format.ToString().ToLowerInvariant()}";
            console.Out.WriteLine($"format: {model.Convention}{container}, {TensorTableReport.Bytes(new FileInfo(path).Length)}");
            if (model.QuantizedModel is { } quantized) QuantizedModelReport.Write(console.Out, quantized);
            else FloatModelReport.Write(console.Out, model.FloatModel!, model.Onnx);
            TensorTableReport.Write(console.Out, model.Tensors);
            return FpgaCli.ExitOk;
        });
        return command;
    }
}
