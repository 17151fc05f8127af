using System.CommandLine;
using Fpga.Host.Formats;
using Fpga.Host.Formats.Numpy;
using Fpga.Host.Golden;
using Fpga.Host.Models;

namespace Fpga.Cli.Commands;

/// <summary>
/// `fpga infer MODEL --input SEQ.npy -o OUT.npy`: the float reference forward pass of a float
/// model, or the golden (bit-exact accelerator) model of a quantized one.
/// </summary>
public static class InferCommand
{
    public static Command Create(CliConsole console)
    {
        var model = new Argument<string>("model") { Description = "A float model (.safetensors, .npz or .onnx), or a quantized model file, which runs on the golden model of the accelerator." };
        var input = new Option<string>("--input", "-i")
        {
            Description = "A .npy of [steps, features] or [batch, steps, features] floats, or [steps] / [batch, steps] integer token ids for a model with an embedding.",
            Required = true,
        };
        var output = new Option<string>("--output", "-o")
        {
            Description = "Where to write float32 [.., steps, out]: the logits when the model has an output layer, else the last layer's hidden states. "
                + "A quantized model gives the dequantized hidden states [.., steps, hidden], or its logits after the last step [.., out].",
            Required = true,
        };
        var command = new Command("infer", "Run a model over a sequence: a float model in float, a quantized model on the golden accelerator model.") { model, input, output };
        command.SetAction(parse =>
        {
            string modelPath = parse.GetValue(model)!;
            string inputPath = parse.GetValue(input)!;
            string outputPath = parse.GetValue(output)!;

            var file = ModelFileReader.Read(modelPath);
            if (file.QuantizedModel is { } quantized)
            {
                var golden = GoldenInference.Run(quantized, NpyReader.Read(inputPath), inputPath);
                NpyWriter.Write(outputPath, golden);
                string outputs = quantized.Dense is null ? "last hidden states at every step" : "logits after the last step";
                console.Out.WriteLine($"wrote {outputPath}: float32 {golden.ShapeText} ({outputs}, golden accelerator model)");
                return FpgaCli.ExitOk;
            }
            var network = file.FloatModel!;
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
