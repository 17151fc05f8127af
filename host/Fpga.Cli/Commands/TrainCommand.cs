using System.CommandLine;
using System.Globalization;
using Fpga.Host.Datasets;
using Fpga.Host.Diagnostics;
using Fpga.Host.Models;
using Fpga.Host.Quantization;
using Fpga.Host.Training;

namespace Fpga.Cli.Commands;

/// <summary>
/// `fpga train fashion-mnist|brown -o MODEL.safetensors`: trains a float LSTM from a fixed seed,
/// or with --from and --wmethod/--amethod fine-tunes one with quantization in the forward pass.
/// </summary>
public static class TrainCommand
{
    public static Command Create(CliConsole console)
    {
        var data = new Argument<string>("dataset") { Description = "fashion-mnist (28 rows of 28 pixels, 10 classes) or brown (word-level language model)." };
        var output = new Option<string>("--output", "-o") { Description = "The trained model to write (.safetensors, PyTorch state-dict names).", Required = true };
        var from = new Option<string?>("--from") { Description = "Start from this float model instead of a fresh initialization." };
        var epochs = new Option<int?>("--epochs") { Description = "Passes over the training data (fashion-mnist 12, brown 4)." };
        var hidden = new Option<int?>("--hidden") { Description = "Hidden size (fashion-mnist 128, brown 300)." };
        var embedding = new Option<int?>("--embedding") { Description = "Embedding dimension of the language model (default: as --hidden)." };
        var layers = new Option<int>("--layers") { Description = "Stacked LSTM layers.", DefaultValueFactory = _ => 1 };
        var batch = new Option<int?>("--batch") { Description = "Mini-batch size (fashion-mnist 128, brown 20)." };
        var bptt = new Option<int>("--bptt") { Description = "Truncated-BPTT window of the language model.", DefaultValueFactory = _ => 35 };
        var optimizer = new Option<string?>("--optimizer") { Description = "adam or sgd (fashion-mnist adam, brown sgd)." };
        var lr = new Option<float?>("--lr") { Description = "Learning rate (adam 2e-3, sgd 20)." };
        var decay = new Option<float?>("--lr-decay") { Description = "Learning-rate factor per epoch after --decay-from." };
        var decayFrom = new Option<int?>("--decay-from") { Description = "First epoch whose learning rate is decayed." };
        var linear = new Option<bool>("--linear-decay") { Description = "Also let the learning rate fall linearly to zero over all the run's steps." };
        var clip = new Option<float?>("--clip") { Description = "Gradient-norm clipping threshold, 0 for none (fashion-mnist 5, brown 0.25)." };
        var dropout = new Option<float?>("--dropout") { Description = "Dropout on non-recurrent connections (fashion-mnist 0, brown 0.3)." };
        var seed = new Option<int>("--seed") { Description = "Seed of initialization, shuffling and dropout.", DefaultValueFactory = _ => 1 };
        var limit = new Option<int?>("--limit") { Description = "Use only the first N training images or tokens (quick trials)." };
        var wmethod = new Option<string?>("--wmethod") { Description = "Quantize weights in the forward pass (straight-through estimator) with this method." };
        var wbits = new Option<int?>("--wbits") { Description = "Codes per weight with --wmethod (default: the method's own, or 2)." };
        var amethod = new Option<string?>("--amethod") { Description = "Quantize layer inputs (x_t, h_{t-1}) in the forward pass with this method." };
        var abits = new Option<int?>("--abits") { Description = "Codes per activation with --amethod (default: the method's own, or 2)." };
        var iterative = new Option<int?>("--iterative") { Description = "Lee & Kim 2018: this many rounds of quantizing the weights with --wmethod and retraining in float for --epochs each." };
        var distill = new Option<string?>("--distill") { Description = "Also learn from this float teacher's softened outputs (knowledge distillation; a classifier for fashion-mnist, a language model over the same vocabulary for brown)." };
        var distillWeight = new Option<float>("--distill-weight") { Description = "Share of the distillation term in the loss, with --distill.", DefaultValueFactory = _ => 0.5f };
        var temperature = new Option<float>("--temperature") { Description = "Softmax temperature of the distillation term, with --distill.", DefaultValueFactory = _ => 2f };
        var averageFrom = new Option<int?>("--average-from") { Description = "From this epoch on, average the weights over every step and keep the mean (stochastic weight averaging)." };
        var half = new Option<bool>("--half") { Description = "Store the weights as float16 (halves the file)." };
        var command = new Command("train", "Train (or quantization-aware fine-tune) an LSTM on an installed dataset.")
            { data, output, from, epochs, hidden, embedding, layers, batch, bptt, optimizer, lr, decay, decayFrom, linear, clip, dropout, seed, limit, wmethod, wbits, amethod, abits, iterative, distill, distillWeight, temperature, averageFrom, half };
        command.SetAction(parse =>
        {
            var dataset = parse.GetValue(data)!;
            bool brown = dataset switch
            {
                "fashion-mnist" => false,
                "brown" => true,
                _ => throw new FpgaException($"unknown dataset '{dataset}'; known: fashion-mnist, brown"),
            };
            var kind = (parse.GetValue(optimizer) ?? (brown ? "sgd" : "adam")) switch
            {
                "adam" => OptimizerKind.Adam,
                "sgd" => OptimizerKind.Sgd,
                var other => throw new FpgaException($"unknown optimizer '{other}'; known: adam, sgd"),
            };
            var quantization = new QuantizationAware(Options(parse.GetValue(wmethod), parse.GetValue(wbits)), Options(parse.GetValue(amethod), parse.GetValue(abits)));
            var options = new TrainingOptions
            {
                Epochs = parse.GetValue(epochs) ?? (brown ? 4 : 12),
                BatchSize = parse.GetValue(batch) ?? (brown ? 20 : 128),
                BpttSteps = parse.GetValue(bptt),
                Optimizer = kind,
                LearningRate = parse.GetValue(lr) ?? (kind == OptimizerKind.Adam ? 2e-3f : 20f),
                LearningRateDecay = parse.GetValue(decay) ?? (brown ? 0.25f : 0.7f),
                DecayFromEpoch = parse.GetValue(decayFrom) ?? (brown ? 3 : 6),
                LinearDecay = parse.GetValue(linear),
                ClipNorm = parse.GetValue(clip) ?? (brown ? 0.25f : 5f),
                Dropout = parse.GetValue(dropout) ?? (brown ? 0.3f : 0f),
                Seed = parse.GetValue(seed),
                Quantization = quantization,
                AverageFromEpoch = parse.GetValue(averageFrom),
                Distillation = parse.GetValue(distill) is { } teacher ? new Distillation(Teacher(teacher, brown), parse.GetValue(distillWeight), parse.GetValue(temperature)) : null,
            };
            options.Validate();
            int? rounds = parse.GetValue(iterative);
            if (rounds is not null && quantization.Weights is null) throw new FpgaException("--iterative needs --wmethod: it quantizes the weights between retraining rounds");
            // Iterative retraining trains the weights in float between quantizations; only activations stay quantized in the forward pass.
            var roundOptions = options with { Quantization = quantization with { Weights = null } };
            int? take = parse.GetValue(limit);
            var outputPath = parse.GetValue(output)!;
            LstmNetwork network;
            IReadOnlyList<EpochReport> reports;
            string score;
            if (brown)
            {
                var corpus = BrownCorpus.Load();
                var train = take is { } n ? corpus.Train[..Math.Min(n, corpus.Train.Length)] : corpus.Train;
                int h = parse.GetValue(hidden) ?? 300;
                network = Start(parse.GetValue(from), new NetworkShape(parse.GetValue(embedding) ?? h, h, parse.GetValue(layers), corpus.Vocabulary.Count, corpus.Vocabulary.Count), options.Seed);
                console.Out.WriteLine($"brown: {corpus.Train.Length} train / {corpus.Valid.Length} valid / {corpus.Test.Length} test tokens, vocabulary {corpus.Vocabulary.Count}; {network.ParameterCount} parameters; {quantization}");
                var net = network;
                IReadOnlyList<EpochReport> Round(TrainingOptions o) => LanguageModelTrainer.Train(net, train, corpus.Valid, o, r => Print(console, r, brown),
                    (w, s) => console.Out.WriteLine($"  window {w}: train perplexity {s.Perplexity:F1}"));
                reports = rounds is { } n2 ? Iterate(console, network, quantization, n2, () => Round(roundOptions)) : Round(options);
                if (options.AverageFromEpoch is { } from1)
                    console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"weights averaged over the steps from epoch {from1}: valid perplexity {LanguageModelEvaluation.Run(network, corpus.Valid, quantization).Perplexity:F2}"));
                var test = LanguageModelEvaluation.Run(network, corpus.Test, quantization);
                score = test.Perplexity.ToString("F2", CultureInfo.InvariantCulture);
                console.Out.WriteLine($"test perplexity {score}");
            }
            else
            {
                var train = FashionMnist.Train();
                if (take is { } n) train = train.Take(n);
                var test = FashionMnist.Test();
                network = Start(parse.GetValue(from), new NetworkShape(FashionMnist.Side, parse.GetValue(hidden) ?? 128, parse.GetValue(layers), FashionMnist.Classes), options.Seed);
                console.Out.WriteLine($"fashion-mnist: {train.Count} train / {test.Count} test images; {network.ParameterCount} parameters; {quantization}");
                var net = network;
                IReadOnlyList<EpochReport> Round(TrainingOptions o) => ClassifierTrainer.Train(net, train, test, o, r => Print(console, r, brown));
                reports = rounds is { } n2 ? Iterate(console, network, quantization, n2, () => Round(roundOptions)) : Round(options);
                if (options.AverageFromEpoch is { } from2) console.Out.WriteLine($"weights averaged over the steps from epoch {from2}");
                score = ClassifierEvaluation.Run(network, test, quantization).Accuracy.ToString("P2", CultureInfo.InvariantCulture);
                console.Out.WriteLine($"test accuracy {score}");
            }
            network.Save(outputPath, parse.GetValue(half), new Dictionary<string, string>
            {
                ["dataset"] = dataset,
                ["seed"] = options.Seed.ToString(CultureInfo.InvariantCulture),
                ["epochs"] = options.Epochs.ToString(CultureInfo.InvariantCulture),
                ["quantization"] = quantization.ToString(),
                ["averaged_from_epoch"] = options.AverageFromEpoch is { } e ? e.ToString(CultureInfo.InvariantCulture) : "none",
                ["distillation"] = options.Distillation is { } d ? $"{Path.GetFileName(parse.GetValue(distill))}, weight {d.Weight.ToString(CultureInfo.InvariantCulture)}, temperature {d.Temperature.ToString(CultureInfo.InvariantCulture)}" : "none",
                [brown ? "test_perplexity" : "test_accuracy"] = score,
            });
            console.Out.WriteLine($"wrote {outputPath}");
            return FpgaCli.ExitOk;
        });
        return command;
    }

    private static IReadOnlyList<EpochReport> Iterate(CliConsole console, LstmNetwork network, QuantizationAware quantization, int rounds, Func<IReadOnlyList<EpochReport>> round)
    {
        var all = new List<EpochReport>();
        IterativeQuantization.Run(network, quantization.Weights!, rounds, r =>
        {
            console.Out.WriteLine($"round {r}/{rounds}: weights quantized, retraining in float");
            all.AddRange(round());
        });
        console.Out.WriteLine("weights quantized after the last round");
        return all;
    }

    private static QuantizerOptions? Options(string? method, int? bits)
    {
        if (method is null) return bits is null ? null : throw new FpgaException("--wbits/--abits need --wmethod/--amethod");
        var m = QuantMethodNames.Parse(method);
        var options = new QuantizerOptions(m, bits ?? QuantMethodNames.NaturalBits(m));
        options.Validate();
        return options;
    }

    private static LstmNetwork Teacher(string path, bool brown)
    {
        var model = ModelFileReader.Read(path).FloatModel ?? throw new FpgaException($"{path}: is quantized; the teacher must be a float model");
        if (brown)
        {
            if (model.Dense is null || model.Embedding is null) throw new FpgaException($"{path}: is not a language model (embedding and dense head)");
            return LstmNetwork.FromModel(model);
        }
        if (model.Dense is null || model.OutputSize != FashionMnist.Classes || model.InputSize != FashionMnist.Side)
            throw new FpgaException($"{path}: is not a fashion-mnist classifier ({FashionMnist.Side} inputs, {FashionMnist.Classes} outputs)");
        return LstmNetwork.FromModel(model);
    }

    private static LstmNetwork Start(string? from, NetworkShape shape, int seed)
    {
        if (from is null)
        {
            shape.Validate();
            return LstmNetwork.Create(shape, seed);
        }
        var model = ModelFileReader.Read(from).FloatModel ?? throw new FpgaException($"{from}: is quantized; fine-tuning starts from a float model");
        if (model.Dense is null) throw new FpgaException($"{from}: has no dense output layer to train against");
        if (model.InputSize != shape.InputSize && model.Embedding is null) throw new FpgaException($"{from}: takes {model.InputSize} features per step, the dataset has {shape.InputSize}");
        if (model.OutputSize != shape.OutputSize) throw new FpgaException($"{from}: has {model.OutputSize} outputs, the dataset needs {shape.OutputSize}");
        return LstmNetwork.FromModel(model);
    }

    private static void Print(CliConsole console, EpochReport r, bool languageModel)
    {
        string held = languageModel ? $"valid perplexity {r.Held.Perplexity,8:F2}" : $"test accuracy {r.Held.Accuracy,7:P2}";
        string train = languageModel ? $"train perplexity {r.Train.Perplexity,8:F2}" : $"train loss {r.Train.MeanLoss:F4} acc {r.Train.Accuracy,7:P2}";
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"epoch {r.Epoch,2} lr {r.LearningRate:G3}: {train}; {held}; {r.Seconds,6:F1} s, {r.SamplesPerSecond,8:F0} samples/s, {r.TokensPerSecond,9:F0} tokens/s"));
    }
}
