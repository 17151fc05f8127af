namespace Fpga.Host.Models;

/// <summary>
/// A float stacked LSTM: an optional embedding, one or more layers (each feeding its hidden
/// state to the next), and an optional dense output layer applied at every step.
/// Gates are in <see cref="LstmGateOrder.Canonical"/> order throughout.
/// </summary>
public sealed record LstmModel
{
    public LstmModel(IReadOnlyList<LstmLayer> layers, EmbeddingLayer? embedding = null, DenseLayer? dense = null)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Count == 0) throw new ArgumentException("an LSTM model needs at least one layer", nameof(layers));
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
    public IReadOnlyList<LstmLayer> Layers { get; }
    public DenseLayer? Dense { get; }

    /// <summary>Features per step fed to layer 0 (the embedding dimension when there is an embedding).</summary>
    public int InputSize => Layers[0].InputSize;

    /// <summary>Values per step of the result: the dense output size, or the last hidden size without one.</summary>
    public int OutputSize => Dense?.OutputSize ?? Layers[^1].HiddenSize;

    public long ParameterCount =>
        (Embedding?.Weights.LongLength ?? 0)
        + Layers.Sum(l => l.ParameterCount)
        + (Dense is null ? 0 : Dense.Weights.LongLength + Dense.Bias.LongLength);
}
