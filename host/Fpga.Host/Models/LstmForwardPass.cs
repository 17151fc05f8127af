using System.Numerics.Tensors;

namespace Fpga.Host.Models;

/// <summary>
/// The float reference forward pass, PyTorch nn.LSTM semantics with zero initial states:
/// i = σ(·), f = σ(·), g = tanh(·), o = σ(·) over W_ih x + b_ih + W_hh h + b_hh;
/// c' = f c + i g; h' = o tanh(c').
/// The result at every step is the dense layer's logits when the model has one, otherwise the
/// last layer's hidden state: [batch, steps, <see cref="LstmModel.OutputSize"/>] row-major.
/// </summary>
public static class LstmForwardPass
{
    public static float[] Run(LstmModel model, LstmSequenceBatch input)
    {
        if (input.Tokens is not null && model.Embedding is null) throw new ArgumentException("token ids need a model with an embedding", nameof(input));
        if (input.Values is not null && model.Embedding is not null) throw new ArgumentException("a model with an embedding takes token ids", nameof(input));
        if (input.Values is not null && input.Features != model.InputSize)
            throw new ArgumentException($"input has {input.Features} features, the model takes {model.InputSize}", nameof(input));

        int outputSize = model.OutputSize;
        var result = new float[input.Batch * input.Steps * outputSize];
        for (int b = 0; b < input.Batch; b++)
        {
            RunSequence(model, input, b, result.AsSpan(b * input.Steps * outputSize, input.Steps * outputSize));
        }
        return result;
    }

    private static void RunSequence(LstmModel model, LstmSequenceBatch input, int sequence, Span<float> output)
    {
        var hidden = model.Layers.Select(l => new float[l.HiddenSize]).ToArray();
        var cell = model.Layers.Select(l => new float[l.HiddenSize]).ToArray();
        var gates = model.Layers.Select(l => new float[4 * l.HiddenSize]).ToArray();
        var feature = new float[model.InputSize];

        for (int t = 0; t < input.Steps; t++)
        {
            ReadOnlySpan<float> x = StepInput(model, input, sequence, t, feature);
            for (int l = 0; l < model.Layers.Count; l++)
            {
                Step(model.Layers[l], x, hidden[l], cell[l], gates[l]);
                x = hidden[l];
            }
            var step = output.Slice(t * model.OutputSize, model.OutputSize);
            if (model.Dense is { } dense) MatVec(dense.Weights, dense.Bias, x, step);
            else x.CopyTo(step);
        }
    }

    private static ReadOnlySpan<float> StepInput(LstmModel model, LstmSequenceBatch input, int sequence, int t, float[] scratch)
    {
        if (input.Tokens is { } tokens)
        {
            long token = tokens[sequence * input.Steps + t];
            var embedding = model.Embedding!;
            if (token < 0 || token >= embedding.VocabularySize)
                throw new ArgumentOutOfRangeException(nameof(input), token, $"token id outside the vocabulary 0..{embedding.VocabularySize - 1}");
            return embedding.Row(token);
        }
        input.Values.AsSpan((sequence * input.Steps + t) * input.Features, input.Features).CopyTo(scratch);
        return scratch;
    }

    /// <summary>One time step of one layer, updating h and c in place.</summary>
    public static void Step(LstmLayer layer, ReadOnlySpan<float> x, Span<float> h, Span<float> c, Span<float> gates)
    {
        int H = layer.HiddenSize;
        // Both products read h before it is overwritten below.
        TensorPrimitives.Add(layer.BiasIh, layer.BiasHh, gates);
        for (int r = 0; r < 4 * H; r++)
        {
            gates[r] += TensorPrimitives.Dot(layer.WeightIh.AsSpan(r * layer.InputSize, layer.InputSize), x)
                      + TensorPrimitives.Dot(layer.WeightHh.AsSpan(r * H, H), h);
        }
        var i = gates[..H];
        var f = gates.Slice(H, H);
        var g = gates.Slice(2 * H, H);
        var o = gates.Slice(3 * H, H);
        TensorPrimitives.Sigmoid(i, i);
        TensorPrimitives.Sigmoid(f, f);
        TensorPrimitives.Tanh(g, g);
        TensorPrimitives.Sigmoid(o, o);
        TensorPrimitives.Multiply(f, c, c);
        TensorPrimitives.MultiplyAdd(i, g, c, c);
        TensorPrimitives.Tanh(c, h);
        TensorPrimitives.Multiply(o, h, h);
    }

    private static void MatVec(float[] weights, float[] bias, ReadOnlySpan<float> x, Span<float> y)
    {
        for (int r = 0; r < y.Length; r++) y[r] = TensorPrimitives.Dot(weights.AsSpan(r * x.Length, x.Length), x) + bias[r];
    }
}
