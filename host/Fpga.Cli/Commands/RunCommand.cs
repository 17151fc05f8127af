using System.CommandLine;
using Fpga.Cli.BoardLink;
using Fpga.Cli.Reports;
using Fpga.Host.Diagnostics;
using Fpga.Host.Golden;

namespace Fpga.Cli.Commands;

/// <summary>
/// `fpga run (--port PATH | --sim) --model QUANTIZED [--config SPEC.json] (--input FILE | --data
/// fashion-mnist) -o OUT`: identify the board (refused if built for another spec), upload the
/// model's image, stream every input sequence and write the outputs, whole or not at all.
/// </summary>
public static class RunCommand
{
    public static Command Create(CliConsole console)
    {
        var port = new Option<string?>("--port") { Description = "The board's serial port (a USB UART, or the pseudo-terminal `fpga sim` printed)." };
        var sim = new Option<bool>("--sim") { Description = "Build and start the Verilated board for the spec and use its pseudo-terminal." };
        var baud = new Option<int?>("--baud") { Description = "Line rate of --port (default: the spec's BaudRate)." };
        var model = new Option<string>("--model") { Description = "The quantized model (fpga quantize).", Required = true };
        var config = new Option<string?>("--config") { Description = "The accelerator spec (JSON) the board was built for (default: the model's default spec)." };
        var input = new Option<string?>("--input", "-i") { Description = "Input sequences: .npy float [batch, steps, features] or [steps, features], or .csv with one sequence a line (steps x features values, step major)." };
        var data = new Option<string?>("--data") { Description = "Instead of --input: fashion-mnist test images, one sequence of 28 rows each." };
        var count = new Option<int>("--count") { Description = "Images with --data.", DefaultValueFactory = _ => 100 };
        var offset = new Option<int>("--offset") { Description = "First image with --data.", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--output", "-o") { Description = "Where to write the outputs: .npy float32 [batch, outputs] (logits) or [batch, steps, hidden], or .csv (one sequence a line).", Required = true };
        var check = new Option<bool>("--check") { Description = "Also run the golden model and fail unless every output is equal." };
        var simulator = new SimulatorOptions();
        var command = new Command("run", "Upload a quantized model to a board (or the simulated board) and stream inputs through it.")
            { port, sim, baud, model, config, input, data, count, offset, output, check };
        simulator.AddTo(command);
        command.SetAction((parse, cancellation) => Task.FromResult(!parse.GetValue(sim) && simulator.AnyGiven(parse)
            ? throw new FpgaException("--work, --trace, --max-cycles, --true-baud and --clocks-per-bit are for the simulated board (--sim)")
            : Run(console, cancellation,
            parse.GetValue(port), parse.GetValue(sim), parse.GetValue(baud), parse.GetValue(model)!, parse.GetValue(config),
            parse.GetValue(input), parse.GetValue(data), parse.GetValue(count), parse.GetValue(offset), parse.GetValue(output)!, parse.GetValue(check), simulator.Read(parse))));
        return command;
    }

    private static int Run(CliConsole console, CancellationToken cancellation, string? port, bool sim, int? baud, string modelPath, string? configPath,
        string? inputPath, string? dataset, int count, int offset, string outputPath, bool check, SimulatorSettings simulator)
    {
        if ((port is null) == !sim) throw new FpgaException("say where the board is: --port PATH or --sim");
        if (sim && baud is not null) throw new FpgaException("--baud is for --port; the simulated board runs at the spec's rate");
        SequenceFiles.CheckOutput(outputPath);
        // Everything that can be refused is refused before the board is touched.
        var board = BoardModel.Load(modelPath, configPath);
        var inputs = SequenceFiles.Read(inputPath, dataset, count, offset, board.Spec.InputSize);
        var sequences = board.Code(inputs.Batch);

        if (sim) console.Out.WriteLine($"simulated board: spec {board.Spec.Hash[..16]}, line at {simulator.Describe(board.Spec)}; building (cached by content)...");
        using var connection = BoardConnection.Open(board, port, baud, sim ? simulator : null, cancellation: cancellation);
        var identity = connection.Identity;
        console.Out.WriteLine($"board on {connection.PortName}: design 0x{identity.DesignId:x8}, spec {identity.SpecHashHex[..16]}, {identity.InputSize} inputs, H {identity.HiddenSize}, " +
            $"{identity.Layers} layer(s), dense {identity.DenseOutputs}, kw {identity.WeightCodes}, ka {identity.ActivationCodes}, PE {identity.Pe}, SIMD {identity.Simd}" +
            (sim ? $" (built and started in {connection.StartTime.TotalSeconds:F1} s)" : ""));
        var result = BoardRunner.Run(console, connection, board, sequences, cancellation);
        SequenceFiles.Write(outputPath, board.Spec, result.Outputs, inputs.Batch.Steps);
        console.Out.WriteLine($"wrote {outputPath}: {result.Outputs.Count} sequence(s) from {inputs.Source}");
        BoardRunReport.Write(console, board, result, simulator.ClocksPerBit ?? (double)board.Spec.ClockHz / board.Spec.BaudRate);

        int failures = 0;
        if (check)
        {
            var golden = new GoldenLstm(board.Image);
            failures = sequences.Select((s, i) => Equal(golden.RunSequence(s), result.Outputs[i]) ? 0 : 1).Sum();
            console.Out.WriteLine(failures == 0
                ? $"golden model: all {result.Outputs.Count} sequence(s) equal, bit for bit"
                : $"golden model: {failures} of {result.Outputs.Count} sequence(s) DIFFER");
        }
        if (inputs.Labels is { } labels && board.Spec.Output == Fpga.Gen.Spec.OutputMode.LogitsAtEnd)
            console.Out.WriteLine($"accuracy on the board: {Accuracy(result.Outputs, labels):P2} of {labels.Length} images");
        if (failures > 0) throw new FpgaException($"{failures} sequence(s) differ from the golden model");
        return FpgaCli.ExitOk;
    }

    internal static bool Equal(GoldenOutput expected, GoldenOutput actual) =>
        expected.Values.Count == actual.Values.Count && expected.Values.Zip(actual.Values).All(p => p.First.AsSpan().SequenceEqual(p.Second));

    /// <summary>The share of sequences whose largest logit is the label's.</summary>
    internal static double Accuracy(IReadOnlyList<GoldenOutput> outputs, byte[] labels)
    {
        int right = 0;
        for (int i = 0; i < outputs.Count; i++)
        {
            var logits = outputs[i].Values[^1];
            int best = 0;
            for (int k = 1; k < logits.Length; k++) if (logits[k] > logits[best]) best = k;
            if (best == labels[i]) right++;
        }
        return (double)right / Math.Max(1, outputs.Count);
    }
}
