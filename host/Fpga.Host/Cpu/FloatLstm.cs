using Fpga.Host.Models;

namespace Fpga.Host.Cpu;

/// <summary>
/// The float32 baseline on the quantized engine's code path: the same split of hidden units
/// across threads, one row dot product (System.Numerics.Tensors) per gate row over the
/// concatenated [W_ih | W_hh] row and [x | h] vector, then the gate functions over the part's
/// units. PyTorch nn.LSTM semantics, as <see cref="LstmForwardPass"/>; dense and embedding
/// layers are not part of it.
/// </summary>
public sealed class FloatLstm
{
    public FloatLstm(LstmModel model, int threads, int minimumUnitsPerThread = 64)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Embedding is not null || model.Dense is not null)
            throw new ArgumentException("the float baseline runs LSTM layers only; this model has an embedding or a dense layer", nameof(model));
        Model = model;
        Threads = threads;
        MinimumUnitsPerThread = minimumUnitsPerThread;
        Layers = model.Layers.Select(FloatLayer.From).ToArray();
    }

    public LstmModel Model { get; }
    public int Threads { get; }
    public int MinimumUnitsPerThread { get; }
    internal IReadOnlyList<FloatLayer> Layers { get; }

    /// <summary>Bytes of float weights streamed per step.</summary>
    public long WeightBytes => Layers.Sum(l => (long)l.Weights.Length * sizeof(float));

    public FloatLstmSequence NewSequence() => new(this);
}

/// <summary>One layer as row dots want it: rows [W_ih r | W_hh r] of length I + H, and b_ih + b_hh.</summary>
internal sealed record FloatLayer(int InputSize, int HiddenSize, float[] Weights, float[] Bias)
{
    public int RowLength => InputSize + HiddenSize;

    public static FloatLayer From(LstmLayer layer)
    {
        int n = layer.InputSize, h = layer.HiddenSize;
        var weights = new float[4 * h * (n + h)];
        for (int r = 0; r < 4 * h; r++)
        {
            layer.WeightIh.AsSpan(r * n, n).CopyTo(weights.AsSpan(r * (n + h), n));
            layer.WeightHh.AsSpan(r * h, h).CopyTo(weights.AsSpan(r * (n + h) + n, h));
        }
        var bias = new float[4 * h];
        System.Numerics.Tensors.TensorPrimitives.Add(layer.BiasIh, layer.BiasHh, bias);
        return new FloatLayer(n, h, weights, bias);
    }
}
