using System.CommandLine;
using System.Globalization;
using Fpga.Cli.Reports;
using Fpga.Host.Diagnostics;
using Fpga.Host.Evaluation;
using Fpga.Host.Models;
using Fpga.Host.Quantization;
using Fpga.Host.Training;

namespace Fpga.Cli.Commands;

/// <summary>
/// `fpga eval MODEL --data fashion-mnist|brown [--plot OUT.png]`: test accuracy or perplexity of the
/// float model and of every post-training weight quantization, or of one --wmethod/--amethod setting.
/// </summary>
public static class EvalCommand
{
    public static Command Create(CliConsole console)
    {
        var model = new Argument<string>("model") { Description = "A float model (.safetensors, .npz or .onnx)." };
        var data = new Option<string>("--data") { Description = "fashion-mnist (test accuracy) or brown (test perplexity).", Required = true };
        var plot = new Option<string?>("--plot") { Description = "Also draw the table as a PNG bar chart." };
        var limit = new Option<int?>("--limit") { Description = "Score only the first N test images or tokens." };
        var wmethod = new Option<string?>("--wmethod") { Description = "Score only this weight quantizer (beside float) instead of the whole sweep." };
        var wbits = new Option<int?>("--wbits") { Description = "Codes per weight with --wmethod." };
        var amethod = new Option<string?>("--amethod") { Description = "Also quantize layer inputs with this method." };
        var abits = new Option<int?>("--abits") { Description = "Codes per activation with --amethod." };
        var cycles = new Option<int>("--cycles") { Description = "Alternating cycles.", DefaultValueFactory = _ => 2 };
        var command = new Command("eval", "Score a float model and its quantized versions on a dataset's test split.")
            { model, data, plot, limit, wmethod, wbits, amethod, abits, cycles };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(model)!;
            var floatModel = ModelFileReader.Read(path).FloatModel ?? throw new FpgaException($"{path}: is quantized; evaluate the float model it came from");
            if (floatModel.Dense is null) throw new FpgaException($"{path}: has no dense output layer to score");
            var network = LstmNetwork.FromModel(floatModel);
            var evaluation = EvaluationData.Load(parse.GetValue(data)!, parse.GetValue(limit));
            evaluation.CheckFits(network, path);
            int cycleCount = parse.GetValue(cycles);
            var weights = Options(parse.GetValue(wmethod), parse.GetValue(wbits), cycleCount);
            var activations = Options(parse.GetValue(amethod), parse.GetValue(abits), cycleCount);
            var configurations = weights is null && activations is null
                ? SweepConfiguration.WeightsOnly(cycleCount)
                : [new SweepConfiguration(null, null), new SweepConfiguration(weights, activations)];

            bool percent = !evaluation.IsLanguageModel;
            console.Out.WriteLine($"{evaluation.Name} test {evaluation.MetricName} of {path}");
            console.Out.WriteLine($"{"configuration",-32} {evaluation.MetricName,10}");
            var results = new List<SweepResult>();
            foreach (var result in QuantizationSweep.Run(network, evaluation, configurations))
            {
                results.Add(result);
                string score = percent ? (result.Score * 100).ToString("F2", CultureInfo.InvariantCulture) + " %" : result.Score.ToString("F2", CultureInfo.InvariantCulture);
                console.Out.WriteLine($"{result.Configuration.Label,-32} {score,10}");
            }
            if (parse.GetValue(plot) is { } plotPath)
            {
                AccuracyPlot.Write(plotPath, $"{evaluation.Name}: {Path.GetFileName(path)}", $"test {evaluation.MetricName}", results, percent);
                console.Out.WriteLine($"wrote {plotPath}");
            }
            return FpgaCli.ExitOk;
        });
        return command;
    }

    private static QuantizerOptions? Options(string? method, int? bits, int cycles)
    {
        if (method is null) return bits is null ? null : throw new FpgaException("--wbits/--abits need --wmethod/--amethod");
        var m = QuantMethodNames.Parse(method);
        var options = new QuantizerOptions(m, bits ?? QuantMethodNames.NaturalBits(m), cycles);
        options.Validate();
        return options;
    }
}
