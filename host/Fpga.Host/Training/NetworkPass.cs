using System.Numerics.Tensors;

namespace Fpga.Host.Training;

/// <summary>
/// Forward and backward of a whole <see cref="LstmNetwork"/> for batches of one size: embedding
/// lookup (or features), the LSTM stack, the dense head and the loss. Dropout, when training,
/// sits on the non-recurrent connections only (Zaremba et al. 2014): after the embedding,
/// between layers and before the head. Buffers are allocated once per batch size.
/// </summary>
public sealed class NetworkPass
{
    private readonly LstmNetwork _network;
    private readonly OutputMode _mode;
    private readonly LstmLayerPass[] _layers;
    private readonly DenseSoftmaxPass _dense;
    private readonly float[][] _layerInput, _inputMask;
    private readonly float[] _denseInput, _denseMask, _dHidden;
    private int[] _tokens = [];
    private bool _dropped;

    public NetworkPass(LstmNetwork network, int batch, int steps, OutputMode mode)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        _network = network;
        _mode = mode;
        Batch = batch;
        Steps = steps;
        _layers = network.Layers.Select(l => new LstmLayerPass(l, batch, steps)).ToArray();
        _layerInput = network.Layers.Select(l => new float[batch * steps * l.InputSize]).ToArray();
        _inputMask = network.Layers.Select(l => new float[batch * steps * l.InputSize]).ToArray();
        int denseRows = mode == OutputMode.LastStep ? batch : batch * steps;
        int top = network.Layers[^1].HiddenSize;
        _denseInput = new float[denseRows * top];
        _denseMask = new float[denseRows * top];
        _dHidden = new float[batch * steps * top];
        _dense = new DenseSoftmaxPass(network.DenseWeight, network.DenseBias, denseRows);
    }

    public int Batch { get; }
    public int Steps { get; }

    /// <summary>Softmax probabilities of the last forward pass, one row per target.</summary>
    public ReadOnlySpan<float> Probabilities => _dense.Probabilities;

    public void ResetState()
    {
        foreach (var layer in _layers) layer.ResetState();
    }

    public void CarryState()
    {
        foreach (var layer in _layers) layer.CarryState();
    }

    /// <summary>Starts from the initial state another pass of the same batch size carries.</summary>
    public void TakeStateFrom(NetworkPass other)
    {
        if (other.Batch != Batch) throw new ArgumentException($"cannot take the state of {other.Batch} sequences into {Batch}", nameof(other));
        for (int l = 0; l < _layers.Length; l++) _layers[l].TakeStateFrom(other._layers[l]);
    }

    /// <summary>Runs the batch; with <paramref name="dropout"/> &gt; 0 draws fresh masks from <paramref name="random"/>.</summary>
    public PassResult Forward(SequenceBatch batch, QuantizationAware quantization, float dropout = 0f, Random? random = null)
    {
        if (batch.Batch != Batch || batch.Steps != Steps)
            throw new ArgumentException($"this pass runs {Batch}x{Steps} batches, got {batch.Batch}x{batch.Steps}", nameof(batch));
        if (dropout > 0 && random is null) throw new ArgumentException("dropout needs a random source", nameof(random));
        _dropped = dropout > 0;
        FillFirstInput(batch, dropout, random);
        for (int l = 0; l < _layers.Length; l++)
        {
            if (l > 0) CopyWithDropout(_layers[l - 1].Output, _layerInput[l], _inputMask[l], dropout, random);
            _layers[l].Forward(_layerInput[l], quantization);
        }
        var top = _layers[^1].Output;
        var denseSource = _mode == OutputMode.LastStep ? top[^_denseInput.Length..] : top;
        CopyWithDropout(denseSource, _denseInput, _denseMask, dropout, random);
        return _dense.Forward(_denseInput, batch.Targets, quantization);
    }

    /// <summary>
    /// Adds the gradients of the last forward pass's mean loss to every parameter's gradient; with
    /// <paramref name="distillation"/>, of the distillation loss against the teacher's softened softmax.
    /// </summary>
    public void Backward(Distillation? distillation = null, ReadOnlySpan<float> teacherSoft = default)
    {
        var dDense = _dense.Backward(_denseInput.Length / _network.Layers[^1].HiddenSize, distillation, teacherSoft);
        Array.Clear(_dHidden);
        var into = _mode == OutputMode.LastStep ? _dHidden.AsSpan(_dHidden.Length - _denseInput.Length) : _dHidden.AsSpan();
        if (_dropped) TensorPrimitives.Multiply(dDense, _denseMask, into);
        else dDense.CopyTo(into);

        ReadOnlySpan<float> dHidden = _dHidden;
        for (int l = _layers.Length - 1; l >= 0; l--)
        {
            var dInput = _layers[l].Backward(dHidden);
            if (l == 0)
            {
                if (_network.Embedding is { } embedding) ScatterEmbedding(embedding, dInput);
                break;
            }
            var below = new float[dInput.Length];
            if (_dropped) TensorPrimitives.Multiply(dInput, _inputMask[l], below);
            else dInput.CopyTo(below);
            dHidden = below;
        }
    }

    private void FillFirstInput(SequenceBatch batch, float dropout, Random? random)
    {
        var input = _layerInput[0];
        int width = _network.InputSize;
        if (_network.Embedding is { } embedding)
        {
            var tokens = batch.Tokens ?? throw new ArgumentException("a network with an embedding takes token ids", nameof(batch));
            if (tokens.Length != Batch * Steps) throw new ArgumentException($"expected {Batch * Steps} token ids, got {tokens.Length}", nameof(batch));
            _tokens = tokens;
            for (int r = 0; r < tokens.Length; r++)
            {
                if ((uint)tokens[r] >= (uint)embedding.Rows) throw new ArgumentException($"token {tokens[r]} is outside the vocabulary 0..{embedding.Rows - 1}", nameof(batch));
                embedding.Value.AsSpan(tokens[r] * width, width).CopyTo(input.AsSpan(r * width, width));
            }
            if (dropout > 0)
            {
                DropoutMask.Fill(_inputMask[0], dropout, random!);
                TensorPrimitives.Multiply(input, _inputMask[0], input);
            }
            return;
        }
        var features = batch.Features ?? throw new ArgumentException("a network without an embedding takes feature vectors", nameof(batch));
        if (features.Length != input.Length) throw new ArgumentException($"expected {input.Length} feature values, got {features.Length}", nameof(batch));
        features.CopyTo(input, 0);
    }

    private void ScatterEmbedding(TrainableTensor embedding, ReadOnlySpan<float> dInput)
    {
        int width = embedding.Cols;
        for (int r = 0; r < _tokens.Length; r++)
        {
            var row = embedding.Gradient.AsSpan(_tokens[r] * width, width);
            var d = dInput.Slice(r * width, width);
            if (_dropped) TensorPrimitives.MultiplyAdd(d, _inputMask[0].AsSpan(r * width, width), row, row);
            else TensorPrimitives.Add(row, d, row);
        }
    }

    private static void CopyWithDropout(ReadOnlySpan<float> source, float[] target, float[] mask, float dropout, Random? random)
    {
        if (dropout > 0)
        {
            DropoutMask.Fill(mask, dropout, random!);
            TensorPrimitives.Multiply(source, mask, target);
        }
        else
        {
            source.CopyTo(target);
        }
    }
}
