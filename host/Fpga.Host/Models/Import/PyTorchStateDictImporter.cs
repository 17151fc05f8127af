using System.Text.RegularExpressions;
using Fpga.Host.Formats;

namespace Fpga.Host.Models.Import;

/// <summary>
/// Builds an <see cref="LstmModel"/> from a PyTorch state dict saved as safetensors or npz.
/// Recognized names, each with any dotted module prefix (e.g. "model."):
/// <list type="bullet">
/// <item>LSTM: <c>P.weight_ih_lN</c> [4H, I], <c>P.weight_hh_lN</c> [4H, H], optional <c>P.bias_ih_lN</c> and <c>P.bias_hh_lN</c> [4H]
///   for N = 0, 1, ...; one nn.LSTM, so one prefix P ("lstm.", "rnn.", ... or none).</item>
/// <item>Embedding: <c>M.weight</c> [vocab, E] with M one of <see cref="EmbeddingModuleNames"/>.</item>
/// <item>Dense head: <c>M.weight</c> [O, H] and optional <c>M.bias</c> [O] with M one of <see cref="DenseModuleNames"/>.</item>
/// </list>
/// Every tensor must be one of these; anything else (a second LSTM, a LayerNorm, a bidirectional
/// or projected LSTM) is rejected by name rather than silently dropped.
/// </summary>
public static partial class PyTorchStateDictImporter
{
    public static IReadOnlyList<string> EmbeddingModuleNames { get; } = ["embedding", "embeddings", "embed", "emb", "encoder", "word_embeddings"];

    public static IReadOnlyList<string> DenseModuleNames { get; } = ["fc", "linear", "decoder", "head", "out", "output", "classifier"];

    [GeneratedRegex(@"^(?<prefix>(?:[^.]+\.)*)(?<kind>weight_ih|weight_hh|bias_ih|bias_hh|weight_hr)_l(?<layer>\d+)(?<reverse>_reverse)?$")]
    private static partial Regex LstmName();

    [GeneratedRegex(@"^(?<prefix>(?:[^.]+\.)*)(?<module>[^.]+)\.(?<param>weight|bias)$")]
    private static partial Regex ModuleParameter();

    /// <summary>Whether the archive holds nn.LSTM weights (a "weight_ih_l0" name).</summary>
    public static bool Recognizes(TensorArchive archive) => archive.Tensors.Any(t => LstmName().Match(t.Name) is { Success: true } m && m.Groups["layer"].Value == "0");

    public static LstmModel Import(TensorArchive archive)
    {
        string source = archive.Source;
        var lstm = new Dictionary<(string Kind, int Layer), TensorData>();
        var lstmPrefixes = new SortedSet<string>(StringComparer.Ordinal);
        var dense = new Dictionary<string, Dictionary<string, TensorData>>(StringComparer.Ordinal);
        var embeddings = new List<TensorData>();

        foreach (var tensor in archive.Tensors)
        {
            if (LstmName().Match(tensor.Name) is { Success: true } l)
            {
                if (l.Groups["reverse"].Success)
                    throw FileErrors.Tensor(source, tensor.Name, "bidirectional LSTMs are not supported (only the forward direction runs on the accelerator)");
                if (l.Groups["kind"].Value == "weight_hr")
                    throw FileErrors.Tensor(source, tensor.Name, "LSTMs with proj_size (projected hidden state) are not supported");
                lstmPrefixes.Add(l.Groups["prefix"].Value);
                lstm[(l.Groups["kind"].Value, int.Parse(l.Groups["layer"].Value, System.Globalization.CultureInfo.InvariantCulture))] = tensor;
                continue;
            }
            if (ModuleParameter().Match(tensor.Name) is { Success: true } m)
            {
                string module = m.Groups["module"].Value;
                string param = m.Groups["param"].Value;
                if (DenseModuleNames.Contains(module))
                {
                    string key = m.Groups["prefix"].Value + module;
                    if (!dense.TryGetValue(key, out var parameters)) dense[key] = parameters = new Dictionary<string, TensorData>();
                    parameters[param] = tensor;
                    continue;
                }
                if (EmbeddingModuleNames.Contains(module) && param == "weight")
                {
                    embeddings.Add(tensor);
                    continue;
                }
            }
            throw FileErrors.Tensor(source, tensor.Name,
                "is not part of a recognized LSTM state dict (expected [prefix.]weight_ih_lN/weight_hh_lN/bias_ih_lN/bias_hh_lN, "
                + $"an embedding {string.Join("|", EmbeddingModuleNames)}.weight, or a head {string.Join("|", DenseModuleNames)}.weight/.bias)");
        }

        if (lstm.Count == 0) throw FileErrors.File(source, "no LSTM weights found (expected PyTorch names like 'lstm.weight_ih_l0')");
        if (lstmPrefixes.Count > 1)
            throw FileErrors.File(source, $"ambiguous: LSTM weights under several prefixes ({string.Join(", ", lstmPrefixes.Select(p => $"'{p}'"))}); export one nn.LSTM with num_layers instead");
        string prefix = lstmPrefixes.Single();

        var layers = ImportLayers(source, prefix, lstm);
        var embedding = ImportEmbedding(source, embeddings, layers[0]);
        var head = ImportDense(source, dense, layers[^1]);
        return new LstmModel(layers, embedding, head);
    }

    private static List<LstmLayer> ImportLayers(string source, string prefix, Dictionary<(string Kind, int Layer), TensorData> lstm)
    {
        int count = lstm.Keys.Max(k => k.Layer) + 1;
        var layers = new List<LstmLayer>();
        for (int n = 0; n < count; n++)
        {
            var weightIh = lstm.GetValueOrDefault(("weight_ih", n)) ?? throw FileErrors.Tensor(source, $"{prefix}weight_ih_l{n}", "missing tensor: layers must be numbered 0, 1, ... without gaps");
            var weightHh = lstm.GetValueOrDefault(("weight_hh", n)) ?? throw FileErrors.Tensor(source, $"{prefix}weight_hh_l{n}", "missing tensor");
            ImportTensors.RequireRank(source, weightHh, 2, "[4*hidden, hidden]");
            int fourH = weightHh.Shape[0];
            if (fourH % 4 != 0 || fourH == 0 || weightHh.Shape[1] * 4 != fourH)
                throw FileErrors.Tensor(source, weightHh.Name, $"expected [4*hidden, hidden], got {weightHh.ShapeText}");
            int hidden = fourH / 4;
            int input = n == 0 ? InputSizeOf(source, weightIh, fourH) : layers[n - 1].HiddenSize;
            var order = LstmGateOrder.PyTorch;
            var wih = order.ToCanonical(ImportTensors.Floats(source, weightIh, [fourH, input], $"4*hidden {hidden} x input {input}"), hidden, input);
            var whh = order.ToCanonical(weightHh.ToFloat32(), hidden, hidden);
            var biasIh = lstm.GetValueOrDefault(("bias_ih", n));
            var biasHh = lstm.GetValueOrDefault(("bias_hh", n));
            if ((biasIh is null) != (biasHh is null))
                throw FileErrors.Tensor(source, $"{prefix}{(biasIh is null ? "bias_ih" : "bias_hh")}_l{n}", "missing tensor (nn.LSTM has either both biases or neither)");
            var bih = biasIh is null ? new float[fourH] : order.ToCanonical(ImportTensors.Floats(source, biasIh, [fourH], $"4*hidden {hidden}"), hidden, 1);
            var bhh = biasHh is null ? new float[fourH] : order.ToCanonical(ImportTensors.Floats(source, biasHh, [fourH], $"4*hidden {hidden}"), hidden, 1);
            layers.Add(new LstmLayer(input, hidden, wih, whh, bih, bhh));
        }
        return layers;
    }

    private static int InputSizeOf(string source, TensorData weightIh, int fourH)
    {
        ImportTensors.RequireRank(source, weightIh, 2, "[4*hidden, input]");
        if (weightIh.Shape[0] != fourH || weightIh.Shape[1] == 0)
            throw FileErrors.Tensor(source, weightIh.Name, $"expected [{fourH}, input] to match weight_hh, got {weightIh.ShapeText}");
        return weightIh.Shape[1];
    }

    private static EmbeddingLayer? ImportEmbedding(string source, List<TensorData> candidates, LstmLayer first)
    {
        if (candidates.Count == 0) return null;
        if (candidates.Count > 1)
            throw FileErrors.File(source, $"ambiguous: several embedding tables ({string.Join(", ", candidates.Select(c => $"'{c.Name}'"))})");
        var table = candidates[0];
        ImportTensors.RequireRank(source, table, 2, "[vocab, embedding dim]");
        if (table.Shape[0] == 0 || table.Shape[1] != first.InputSize)
            throw FileErrors.Tensor(source, table.Name, $"expected [vocab, {first.InputSize}] to feed layer 0, got {table.ShapeText}");
        return new EmbeddingLayer(table.Shape[0], table.Shape[1], table.ToFloat32());
    }

    private static DenseLayer? ImportDense(string source, Dictionary<string, Dictionary<string, TensorData>> candidates, LstmLayer last)
    {
        if (candidates.Count == 0) return null;
        if (candidates.Count > 1)
            throw FileErrors.File(source, $"ambiguous: several output layers ({string.Join(", ", candidates.Keys.Select(k => $"'{k}'"))})");
        var (module, parameters) = candidates.Single();
        var weight = parameters.GetValueOrDefault("weight") ?? throw FileErrors.Tensor(source, $"{module}.weight", $"missing tensor ('{module}.bias' has no weight)");
        ImportTensors.RequireRank(source, weight, 2, "[outputs, hidden]");
        int outputs = weight.Shape[0];
        if (outputs == 0 || weight.Shape[1] != last.HiddenSize)
            throw FileErrors.Tensor(source, weight.Name, $"expected [outputs, {last.HiddenSize}] to read the last hidden state, got {weight.ShapeText}");
        var bias = parameters.GetValueOrDefault("bias") is { } b ? ImportTensors.Floats(source, b, [outputs], $"{outputs} outputs") : new float[outputs];
        return new DenseLayer(outputs, last.HiddenSize, weight.ToFloat32(), bias);
    }
}
