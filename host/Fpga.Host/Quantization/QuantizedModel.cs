using Fpga.Host.Models;

namespace Fpga.Host.Quantization;

/// <summary>
/// A stacked LSTM ready for the accelerator: quantized layer and dense weights, float biases,
/// per-layer activation quantization. The embedding stays float: it is a table lookup, not a
/// product the XNOR-popcount array computes. Gates are in <see cref="LstmGateOrder.Canonical"/> order.
/// </summary>
public sealed class QuantizedModel
{
    public QuantizedModel(IReadOnlyList<QuantizedLstmLayer> layers, EmbeddingLayer? embedding = null, QuantizedDenseLayer? dense = null)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Count == 0) throw new ArgumentException("a quantized model needs at least one layer", nameof(layers));
        if (embedding is not null && embedding.Dimension != layers[0].InputSize)
            throw new ArgumentException($"embedding dimension {embedding.Dimension} does not match layer 0 input size {layers[0].InputSize}", nameof(embedding));
        for (int l = 1; l < layers.Count; l++)
        {
            if (layers[l].InputSize != layers[l - 1].HiddenSize)
                throw new ArgumentException($"layer {l} input size {layers[l].InputSize} does not match layer {l - 1} hidden size {layers[l - 1].HiddenSize}", nameof(layers));
        }
        if (dense is not null && dense.InputSize != layers[^1].HiddenSize)
            throw new ArgumentException($"dense input size {dense.InputSize} does not match the last hidden size {layers[^1].HiddenSize}", nameof(dense));
        Layers = layers.ToArray();
        Embedding = embedding;
        Dense = dense;
    }

    public EmbeddingLayer? Embedding { get; }
    public IReadOnlyList<QuantizedLstmLayer> Layers { get; }
    public QuantizedDenseLayer? Dense { get; }

    public static LstmGateOrder GateOrder => LstmGateOrder.Canonical;

    public int InputSize => Layers[0].InputSize;
    public int OutputSize => Dense?.OutputSize ?? Layers[^1].HiddenSize;
}
