using System.CommandLine;
using Fpga.Host.Formats;
using Fpga.Host.Formats.Numpy;
using Fpga.Host.Models;

namespace Fpga.Cli.Commands;

/// <summary>`fpga infer MODEL --input SEQ.npy -o OUT.npy`: the float reference forward pass.</summary>
public static class InferCommand
{
    public static Command Create(CliConsole console)
    {
        var model = new Argument<string>("model") { Description = "A float model: .safetensors, .npz or .onnx." };
        var input = new Option<string>("--input", "-i")
        {
            Description = "A .npy of [steps, features] or [batch, steps, features] floats, or [steps] / [batch, steps] integer token ids for a model with an embedding.",
            Required = true,
        };
        var output = new Option<string>("--output", "-o")
        {
            Description = "Where to write float32 [.., steps, out]: the logits when the model has an output layer, else the last layer's hidden states.",
            Required = true,
        };
        var command = new Command("infer", "Run a float model over a sequence and write its output at every step.") { model, input, output };
        command.SetAction(parse =>
        {
            string modelPath = parse.GetValue(model)!;
            string inputPath = parse.GetValue(input)!;
            string outputPath = parse.GetValue(output)!;

            var file = ModelFileReader.Read(modelPath);
            if (file.FloatModel is not { } network)
                throw FileErrors.File(modelPath, "is a quantized model; it runs once the golden (bit-exact) model exists, a later milestone. Run the float model it came from instead");
            var sequence = NpyReader.Read(inputPath);
            var result = LstmInference.Run(network, sequence, inputPath);
            NpyWriter.Write(outputPath, result);

            string what = network.Dense is null ? "last hidden states" : "logits";
            console.Out.WriteLine($"wrote {outputPath}: float32 {result.ShapeText} ({what} at every step)");
            return FpgaCli.ExitOk;
        });
        return command;
    }
}
