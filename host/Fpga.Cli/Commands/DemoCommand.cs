using System.CommandLine;
using System.Diagnostics;
using Fpga.Cli.BoardLink;
using Fpga.Cli.Reports;
using Fpga.Host.Datasets;
using Fpga.Host.Diagnostics;
using Fpga.Host.Golden;
using Fpga.Host.Models;
using Fpga.Host.Quantization;
using Fpga.Host.Training;

namespace Fpga.Cli.Commands;

/// <summary>
/// `fpga demo`, the main job: the shipped Fashion-MNIST LSTM (fine-tuned for 2-bit alternating
/// weights and activations) quantized, its accelerator generated for the spec in
/// host/models/fashion-mnist-w2a2.spec.json, the board simulated with Verilator on a
/// pseudo-terminal, the model uploaded and test images streamed through SerialPort, every
/// output compared with the golden model (any difference fails), and the figures printed.
/// </summary>
public static class DemoCommand
{
    public const string ModelFile = "host/models/fashion-mnist-lstm128-alternating-w2a2.safetensors";
    public const string FloatModelFile = "host/models/fashion-mnist-lstm128.safetensors";
    public const string SpecFileName = "host/models/fashion-mnist-w2a2.spec.json";

    /// <summary>Clocks a bit on the simulated line: the line then costs about as many cycles as the accelerator.</summary>
    public const int ClocksPerBit = 16;

    public static Command Create(CliConsole console)
    {
        var images = new Option<int>("--images") { Description = "Fashion-MNIST test images to stream through the board.", DefaultValueFactory = _ => 100 };
        var model = new Option<string?>("--model") { Description = $"The float model to quantize (default {ModelFile})." };
        var floatModel = new Option<string?>("--float-model") { Description = $"The float baseline for the accuracy line (default {FloatModelFile})." };
        var spec = new Option<string?>("--config") { Description = $"The accelerator spec (default {SpecFileName})." };
        var simulator = new SimulatorOptions(ClocksPerBit);
        var command = new Command("demo", "The main job: the shipped Fashion-MNIST model on the simulated board through its UART, checked against the golden model.")
            { images, model, floatModel, spec };
        simulator.AddTo(command);
        command.SetAction((parse, cancellation) =>
        {
            var settings = simulator.Read(parse);
            return Task.FromResult(Run(console, parse.GetValue(images), parse.GetValue(model) ?? RepositoryFile.Find(ModelFile),
                parse.GetValue(floatModel) ?? RepositoryFile.Find(FloatModelFile), parse.GetValue(spec) ?? RepositoryFile.Find(SpecFileName),
                settings with { WorkDirectory = settings.WorkDirectory ?? Path.Combine("out", "demo") }, cancellation));
        });
        return command;
    }

    private static int Run(CliConsole console, int imageCount, string modelPath, string floatPath, string specPath, SimulatorSettings settings, CancellationToken cancellation)
    {
        if (imageCount < 1) throw new FpgaException("--images must be at least 1");
        var total = Stopwatch.StartNew();
        var phases = new List<(string Name, TimeSpan Time)>();
        var clock = Stopwatch.StartNew();
        TimeSpan Lap() { var t = clock.Elapsed; clock.Restart(); return t; }
        var o = console.Out;

        o.WriteLine($"The main job: {Path.GetFileName(modelPath)} on the simulated board through its UART, {imageCount} Fashion-MNIST test images");
        var qat = ModelFileReader.Read(modelPath).FloatModel ?? throw new FpgaException($"{modelPath}: is already quantized; the demo quantizes the float masters itself");
        var weights = new QuantizerOptions(QuantMethod.Alternating, 2, 2);
        var activations = new ActivationQuantization(QuantMethod.Alternating, 2);
        var (quantized, reports) = ModelQuantizer.Quantize(qat, weights, activations);
        Directory.CreateDirectory(settings.WorkDirectory!);
        string quantizedPath = Path.Combine(settings.WorkDirectory!, "fashion-mnist-w2a2.safetensors");
        QuantizedModelWriter.Write(quantizedPath, quantized);
        phases.Add(("quantize", Lap()));
        o.WriteLine($"quantized: alternating, 2 codes a weight and an activation, relative errors {string.Join(", ", reports.Select(r => $"{r.Name} {r.RelativeError:F3}"))}; wrote {quantizedPath}");

        var board = BoardModel.For(quantized, SpecFile.ForModel(quantized, modelPath, specPath));
        var s = board.Spec;
        phases.Add(("generate", Lap()));
        o.WriteLine($"spec {specPath}: {s.InputSize} inputs, H {s.HiddenSize}, {s.Layers} layer(s), dense {s.DenseOutputs}, kw {s.WeightCodes}, ka {s.ActivationCodes}, " +
            $"PE {s.Pe}, SIMD {s.Simd}, {s.Requantization.ToString().ToLowerInvariant()} re-quantization, {s.Memory} memories, {s.ClockHz / 1e6:0.##} MHz, {s.BaudRate} baud; hash {s.Hash[..16]}");
        o.WriteLine($"accelerator {board.Accelerator.Module.Name}: {board.Accelerator.CyclesPerStep} cycles a step (ideal {board.Accelerator.Folding.IdealCyclesPerStep:0}), image {board.Accelerator.MemoryMap.AddressWidth}-bit addresses");

        var test = FashionMnist.Test();
        if (imageCount > test.Count) throw new FpgaException($"--images {imageCount}: the test set has {test.Count}");
        var images = test.Take(imageCount);
        var batch = LstmSequenceBatch.FromFeatures(images.Pixels, images.Count, images.Rows, images.Cols);
        var sequences = board.Code(batch);
        var golden = new GoldenLstm(board.Image);
        var expected = sequences.Select(q => golden.RunSequence(q)).ToArray();
        double floatAccuracy = ClassifierEvaluation.Run(LstmNetwork.FromModel(ModelFileReader.Read(floatPath).FloatModel
            ?? throw new FpgaException($"{floatPath}: is not a float model")), images, QuantizationAware.None).Accuracy;
        double qatAccuracy = ClassifierEvaluation.Run(LstmNetwork.FromModel(qat), images, new QuantizationAware(weights, new QuantizerOptions(QuantMethod.Alternating, 2, 2))).Accuracy;
        phases.Add(("golden model and float references", Lap()));

        o.WriteLine($"simulated board: line at {settings.Describe(s)}; building with Verilator (cached by content)...");
        using var connection = BoardConnection.Open(board, null, null, settings, cancellation: cancellation);
        phases.Add(("build and start the board simulator", Lap()));
        o.WriteLine($"board on {connection.PortName} (SerialPort): design 0x{connection.Identity.DesignId:x8}, spec {connection.Identity.SpecHashHex[..16]}: matches the model's spec");

        var result = BoardRunner.Run(console, connection, board, sequences, cancellation);
        phases.Add(("upload", result.Upload.Wall));
        phases.Add(("stream the images", result.Inference.Wall));
        clock.Restart();

        int differ = expected.Select((e, i) => RunCommand.Equal(e, result.Outputs[i]) ? 0 : 1).Sum();
        int values = result.Outputs.Sum(r => r.Values.Sum(v => v.Length));
        o.WriteLine();
        o.WriteLine(differ == 0
            ? $"board against the golden model: all {result.Outputs.Count} images' logits equal, bit for bit ({values:N0} values)"
            : $"board against the golden model: {differ} of {result.Outputs.Count} images DIFFER");
        o.WriteLine($"accuracy on these {imageCount} images: float {floatAccuracy:P2}, fine-tuned float masters with W2/A2 fake quantization {qatAccuracy:P2}, " +
            $"golden model {RunCommand.Accuracy(expected, images.Labels):P2}, board {RunCommand.Accuracy(result.Outputs, images.Labels):P2}");
        BoardRunReport.Write(console, board, result, settings.ClocksPerBit ?? (double)s.ClockHz / s.BaudRate);
        o.WriteLine();
        o.WriteLine("wall time");
        foreach (var (name, time) in phases) o.WriteLine($"  {name,-38} {time.TotalSeconds,7:F1} s");
        o.WriteLine($"  {"total",-38} {total.Elapsed.TotalSeconds,7:F1} s");
        if (differ > 0) throw new FpgaException($"{differ} of {result.Outputs.Count} images differ from the golden model");
        return FpgaCli.ExitOk;
    }
}
