using System.Text.RegularExpressions;
using Fpga.Host.Formats;

namespace Fpga.Host.Models.Import;

/// <summary>
/// Builds an <see cref="LstmModel"/> from Keras weights saved by name (e.g. np.savez of
/// {w.name: w.numpy()}). A tensor's name is a '/'-separated layer path, a last segment and an
/// optional ":0" suffix; a "lstm_cell*" segment before the last is part of the LSTM layer's path:
/// <list type="bullet">
/// <item>LSTM layer: <c>L/kernel</c> [I, 4H], <c>L/recurrent_kernel</c> [H, 4H], optional <c>L/bias</c> [4H]
///   (or [8H], CuDNN-style input then recurrent bias); gate columns i, f, c, o.</item>
/// <item>Embedding: <c>L/embeddings</c> [vocab, E].</item>
/// <item>Dense: <c>L/kernel</c> [H, O] and optional <c>L/bias</c> [O] without a recurrent kernel.</item>
/// </list>
/// LSTM layers stack in the order they first appear in the file. The file carries no layer
/// configuration, so the default activations (sigmoid, tanh) are assumed.
/// </summary>
public static partial class KerasWeightsImporter
{
    [GeneratedRegex(@":\d+$")]
    private static partial Regex VariableSuffix();

    public static bool Recognizes(TensorArchive archive) => archive.Tensors.Any(t => Split(t.Name).Parameter == "recurrent_kernel");

    public static LstmModel Import(TensorArchive archive)
    {
        string source = archive.Source;
        var groups = new List<(string Path, Dictionary<string, TensorData> Parameters)>();
        foreach (var tensor in archive.Tensors)
        {
            var (path, parameter) = Split(tensor.Name);
            if (parameter is not ("kernel" or "recurrent_kernel" or "bias" or "embeddings"))
                throw FileErrors.Tensor(source, tensor.Name, "is not part of a recognized Keras LSTM model (expected LAYER/kernel, LAYER/recurrent_kernel, LAYER/bias or LAYER/embeddings)");
            var group = groups.FirstOrDefault(g => g.Path == path);
            if (group.Parameters is null)
            {
                group = (path, new Dictionary<string, TensorData>(StringComparer.Ordinal));
                groups.Add(group);
            }
            if (!group.Parameters.TryAdd(parameter, tensor))
                throw FileErrors.Tensor(source, tensor.Name, $"layer '{path}' has two '{parameter}' tensors");
        }

        var lstmGroups = groups.Where(g => g.Parameters.ContainsKey("recurrent_kernel")).ToList();
        var embeddingGroups = groups.Where(g => g.Parameters.ContainsKey("embeddings")).ToList();
        var denseGroups = groups.Except(lstmGroups).Except(embeddingGroups).ToList();
        if (lstmGroups.Count == 0) throw FileErrors.File(source, "no Keras LSTM weights found (expected a 'recurrent_kernel' tensor)");
        if (embeddingGroups.Count > 1) throw FileErrors.File(source, $"ambiguous: several embedding layers ({string.Join(", ", embeddingGroups.Select(g => $"'{g.Path}'"))})");
        if (denseGroups.Count > 1) throw FileErrors.File(source, $"ambiguous: several dense layers ({string.Join(", ", denseGroups.Select(g => $"'{g.Path}'"))})");

        var layers = new List<LstmLayer>();
        foreach (var (path, parameters) in lstmGroups) layers.Add(ImportLayer(source, path, parameters, layers.Count == 0 ? null : layers[^1].HiddenSize));
        var embedding = embeddingGroups.Count == 1 ? ImportEmbedding(source, embeddingGroups[0].Parameters, layers[0]) : null;
        var dense = denseGroups.Count == 1 ? ImportDense(source, denseGroups[0].Path, denseGroups[0].Parameters, layers[^1]) : null;
        return new LstmModel(layers, embedding, dense);
    }

    /// <summary>"lstm/lstm_cell/kernel:0" is parameter "kernel" of layer "lstm".</summary>
    private static (string Path, string Parameter) Split(string name)
    {
        var segments = VariableSuffix().Replace(name, "").Split('/');
        var path = segments[..^1].ToList();
        if (path.Count > 1 && path[^1].StartsWith("lstm_cell", StringComparison.Ordinal)) path.RemoveAt(path.Count - 1);
        return (string.Join('/', path), segments[^1]);
    }

    private static LstmLayer ImportLayer(string source, string path, Dictionary<string, TensorData> parameters, int? previousHidden)
    {
        var recurrent = parameters["recurrent_kernel"];
        var kernel = parameters.GetValueOrDefault("kernel") ?? throw FileErrors.Tensor(source, $"{path}/kernel", "missing tensor (the LSTM layer has a recurrent_kernel but no kernel)");
        ImportTensors.RequireRank(source, recurrent, 2, "[hidden, 4*hidden]");
        int hidden = recurrent.Shape[0];
        if (hidden == 0 || recurrent.Shape[1] != 4 * hidden)
            throw FileErrors.Tensor(source, recurrent.Name, $"expected [hidden, 4*hidden], got {recurrent.ShapeText}");
        ImportTensors.RequireRank(source, kernel, 2, "[input, 4*hidden]");
        int input = previousHidden ?? kernel.Shape[0];
        if (input == 0) throw FileErrors.Tensor(source, kernel.Name, $"expected [input, {4 * hidden}], got {kernel.ShapeText}");
        var kernelValues = ImportTensors.Floats(source, kernel, [input, 4 * hidden], previousHidden is null ? $"input x 4*hidden {hidden}" : $"the previous layer's hidden size {input} x 4*hidden {hidden}");

        var order = LstmGateOrder.Keras;
        var wih = order.ToCanonical(ImportTensors.Transpose(kernelValues, input, 4 * hidden), hidden, input);
        var whh = order.ToCanonical(ImportTensors.Transpose(recurrent.ToFloat32(), hidden, 4 * hidden), hidden, hidden);
        var bih = new float[4 * hidden];
        var bhh = new float[4 * hidden];
        if (parameters.GetValueOrDefault("bias") is { } bias)
        {
            ImportTensors.RequireRank(source, bias, 1, "[4*hidden]");
            var values = bias.ToFloat32();
            if (values.Length == 4 * hidden) bih = order.ToCanonical(values, hidden, 1);
            else if (values.Length == 8 * hidden)
            {
                bih = order.ToCanonical(values.AsSpan(0, 4 * hidden), hidden, 1);
                bhh = order.ToCanonical(values.AsSpan(4 * hidden), hidden, 1);
            }
            else throw FileErrors.Tensor(source, bias.Name, $"expected [{4 * hidden}] (or [{8 * hidden}] for split biases), got {bias.ShapeText}");
        }
        return new LstmLayer(input, hidden, wih, whh, bih, bhh);
    }

    private static EmbeddingLayer ImportEmbedding(string source, Dictionary<string, TensorData> parameters, LstmLayer first)
    {
        var table = parameters["embeddings"];
        if (parameters.Count > 1) throw FileErrors.Tensor(source, parameters.Values.First(t => t != table).Name, "an embedding layer has only 'embeddings'");
        ImportTensors.RequireRank(source, table, 2, "[vocab, embedding dim]");
        if (table.Shape[0] == 0 || table.Shape[1] != first.InputSize)
            throw FileErrors.Tensor(source, table.Name, $"expected [vocab, {first.InputSize}] to feed the first LSTM, got {table.ShapeText}");
        return new EmbeddingLayer(table.Shape[0], table.Shape[1], table.ToFloat32());
    }

    private static DenseLayer ImportDense(string source, string path, Dictionary<string, TensorData> parameters, LstmLayer last)
    {
        var kernel = parameters.GetValueOrDefault("kernel") ?? throw FileErrors.Tensor(source, $"{path}/kernel", "missing tensor (layer has a bias but no kernel)");
        ImportTensors.RequireRank(source, kernel, 2, "[hidden, outputs]");
        int outputs = kernel.Shape[1];
        if (outputs == 0 || kernel.Shape[0] != last.HiddenSize)
            throw FileErrors.Tensor(source, kernel.Name, $"expected [{last.HiddenSize}, outputs] to read the last hidden state, got {kernel.ShapeText}");
        var bias = parameters.GetValueOrDefault("bias") is { } b ? ImportTensors.Floats(source, b, [outputs], $"{outputs} outputs") : new float[outputs];
        return new DenseLayer(outputs, last.HiddenSize, ImportTensors.Transpose(kernel.ToFloat32(), last.HiddenSize, outputs), bias);
    }
}
