using Fpga.Host.Formats;
using Fpga.Host.Formats.Safetensors;
using Fpga.Host.Models;

namespace Fpga.Host.Training;

/// <summary>
/// The trainable form of an <see cref="LstmModel"/>: optional embedding, stacked LSTM layers and
/// a dense head, each parameter named as in a PyTorch state dict (embedding.weight,
/// lstm.weight_ih_lN, fc.weight, ...), so a saved network imports like an exported PyTorch model.
/// </summary>
public sealed class LstmNetwork
{
    private LstmNetwork(TrainableTensor? embedding, IReadOnlyList<TrainableLstmLayer> layers, TrainableTensor denseWeight, TrainableTensor denseBias)
    {
        Embedding = embedding;
        Layers = layers;
        DenseWeight = denseWeight;
        DenseBias = denseBias;
    }

    public TrainableTensor? Embedding { get; }
    public IReadOnlyList<TrainableLstmLayer> Layers { get; }
    public TrainableTensor DenseWeight { get; }
    public TrainableTensor DenseBias { get; }

    public int InputSize => Layers[0].InputSize;
    public int OutputSize => DenseWeight.Rows;
    public int VocabularySize => Embedding?.Rows ?? 0;

    public IEnumerable<TrainableTensor> Parameters =>
        (Embedding is null ? [] : new[] { Embedding }).Concat(Layers.SelectMany(l => l.Parameters)).Concat([DenseWeight, DenseBias]);

    public long ParameterCount => Parameters.Sum(p => (long)p.Value.Length);

    /// <summary>
    /// A freshly initialized network, as PyTorch initializes one: LSTM and dense weights uniform in
    /// ±1/sqrt(fan), embedding uniform in ±0.1 (Zaremba et al.); the forget-gate bias starts at 1 so
    /// early gradients flow through the cell.
    /// </summary>
    public static LstmNetwork Create(NetworkShape shape, int seed)
    {
        var random = new Random(seed);
        float[] Uniform(int count, double bound)
        {
            var values = new float[count];
            for (int i = 0; i < count; i++) values[i] = (float)((random.NextDouble() * 2 - 1) * bound);
            return values;
        }
        TrainableTensor? embedding = shape.VocabularySize > 0
            ? new TrainableTensor("embedding.weight", [shape.VocabularySize, shape.InputSize], Uniform(shape.VocabularySize * shape.InputSize, 0.1))
            : null;
        var layers = new List<TrainableLstmLayer>();
        int input = shape.InputSize;
        for (int l = 0; l < shape.Layers; l++)
        {
            int h = shape.HiddenSize;
            double bound = 1 / Math.Sqrt(h);
            var biasHh = Uniform(4 * h, bound);
            for (int j = h; j < 2 * h; j++) biasHh[j] = 1f;
            var biasIh = Uniform(4 * h, bound);
            for (int j = h; j < 2 * h; j++) biasIh[j] = 0f;
            layers.Add(new TrainableLstmLayer(input, h,
                new TrainableTensor($"lstm.weight_ih_l{l}", [4 * h, input], Uniform(4 * h * input, bound)) { IsQuantizedMatrix = true },
                new TrainableTensor($"lstm.weight_hh_l{l}", [4 * h, h], Uniform(4 * h * h, bound)) { IsQuantizedMatrix = true },
                new TrainableTensor($"lstm.bias_ih_l{l}", [4 * h], biasIh),
                new TrainableTensor($"lstm.bias_hh_l{l}", [4 * h], biasHh)));
            input = h;
        }
        double denseBound = 1 / Math.Sqrt(shape.HiddenSize);
        return new LstmNetwork(embedding, layers,
            new TrainableTensor("fc.weight", [shape.OutputSize, shape.HiddenSize], Uniform(shape.OutputSize * shape.HiddenSize, denseBound)) { IsQuantizedMatrix = true },
            new TrainableTensor("fc.bias", [shape.OutputSize], Uniform(shape.OutputSize, denseBound)));
    }

    /// <summary>A trainable copy of a float model; the model needs a dense head (the loss is on its logits).</summary>
    public static LstmNetwork FromModel(LstmModel model)
    {
        var dense = model.Dense ?? throw new ArgumentException("training needs a model with a dense output layer", nameof(model));
        var embedding = model.Embedding is { } e
            ? new TrainableTensor("embedding.weight", [e.VocabularySize, e.Dimension], (float[])e.Weights.Clone())
            : null;
        var layers = model.Layers.Select((layer, l) => new TrainableLstmLayer(layer.InputSize, layer.HiddenSize,
            new TrainableTensor($"lstm.weight_ih_l{l}", [4 * layer.HiddenSize, layer.InputSize], (float[])layer.WeightIh.Clone()) { IsQuantizedMatrix = true },
            new TrainableTensor($"lstm.weight_hh_l{l}", [4 * layer.HiddenSize, layer.HiddenSize], (float[])layer.WeightHh.Clone()) { IsQuantizedMatrix = true },
            new TrainableTensor($"lstm.bias_ih_l{l}", [4 * layer.HiddenSize], (float[])layer.BiasIh.Clone()),
            new TrainableTensor($"lstm.bias_hh_l{l}", [4 * layer.HiddenSize], (float[])layer.BiasHh.Clone()))).ToArray();
        return new LstmNetwork(embedding, layers,
            new TrainableTensor("fc.weight", [dense.OutputSize, dense.InputSize], (float[])dense.Weights.Clone()) { IsQuantizedMatrix = true },
            new TrainableTensor("fc.bias", [dense.OutputSize], (float[])dense.Bias.Clone()));
    }

    /// <summary>
    /// A copy whose weight matrices hold their quantized values (what the accelerator stores);
    /// biases and the embedding stay float, as in <see cref="Quantization.ModelQuantizer"/>.
    /// </summary>
    public LstmNetwork WithQuantizedWeights(Quantization.QuantizerOptions options)
    {
        var copy = FromModel(ToModel());
        foreach (var p in copy.Parameters.Where(p => p.IsQuantizedMatrix)) FakeQuantization.Apply(p.Value, p.Rows, p.Cols, options, p.Value);
        return copy;
    }

    /// <summary>A float model holding copies of the current values.</summary>
    public LstmModel ToModel() => new(
        Layers.Select(l => new LstmLayer(l.InputSize, l.HiddenSize, (float[])l.WeightIh.Value.Clone(), (float[])l.WeightHh.Value.Clone(),
            (float[])l.BiasIh.Value.Clone(), (float[])l.BiasHh.Value.Clone())).ToArray(),
        Embedding is { } e ? new EmbeddingLayer(e.Rows, e.Cols, (float[])e.Value.Clone()) : null,
        new DenseLayer(DenseWeight.Rows, DenseWeight.Cols, (float[])DenseWeight.Value.Clone(), (float[])DenseBias.Value.Clone()));

    /// <summary>Writes the parameters as a PyTorch-named safetensors state dict (float32, or float16 with <paramref name="half"/>), atomically.</summary>
    public void Save(string path, bool half = false, IReadOnlyDictionary<string, string>? metadata = null) =>
        SafetensorsWriter.Write(path, new TensorArchive(path, Parameters.Select(p => half ? Half16(p) : TensorData.FromFloat32(p.Name, p.Shape, p.Value)), metadata));

    private static TensorData Half16(TrainableTensor p)
    {
        var bytes = new byte[p.Value.Length * 2];
        for (int i = 0; i < p.Value.Length; i++) System.Buffers.Binary.BinaryPrimitives.WriteHalfLittleEndian(bytes.AsSpan(i * 2), (Half)p.Value[i]);
        return new TensorData(p.Name, TensorDType.F16, p.Shape, bytes);
    }
}
