using System.Numerics.Tensors;

namespace Fpga.Host.Training;

/// <summary>The dense head and softmax cross-entropy over N rows of hidden states: forward scores, backward accumulates gradients.</summary>
internal sealed class DenseSoftmaxPass
{
    private readonly TrainableTensor _weight, _bias;
    private readonly int _rows, _in, _out;
    private readonly float[] _inputUsed, _probabilities, _dInput;
    private float[] _weightUsed;
    private float[]? _saved;
    private int[] _targets = [];

    public DenseSoftmaxPass(TrainableTensor weight, TrainableTensor bias, int rows)
    {
        _weight = weight;
        _bias = bias;
        _rows = rows;
        _in = weight.Cols;
        _out = weight.Rows;
        _inputUsed = new float[rows * _in];
        _probabilities = new float[rows * _out];
        _dInput = new float[rows * _in];
        _weightUsed = weight.Value;
    }

    /// <summary>[rows, out] softmax probabilities of the last forward pass.</summary>
    public ReadOnlySpan<float> Probabilities => _probabilities;

    public PassResult Forward(ReadOnlySpan<float> input, int[] targets, QuantizationAware quantization)
    {
        if (targets.Length != _rows) throw new ArgumentException($"expected {_rows} targets, got {targets.Length}", nameof(targets));
        _targets = targets;
        if (quantization.Weights is { } wq)
        {
            if (ReferenceEquals(_weightUsed, _weight.Value)) _weightUsed = new float[_weight.Value.Length];
            FakeQuantization.Apply(_weight.Value, _out, _in, wq, _weightUsed);
        }
        else
        {
            _weightUsed = _weight.Value;
        }
        if (quantization.Activations is { } aq) FakeQuantization.Apply(input[..(_rows * _in)], _rows, _in, aq, _inputUsed);
        else input[..(_rows * _in)].CopyTo(_inputUsed);

        Blas.Gemm(_inputUsed, false, _weightUsed, true, _probabilities, _rows, _out, _in);
        double loss = 0;
        long correct = 0;
        for (int r = 0; r < _rows; r++)
        {
            var row = _probabilities.AsSpan(r * _out, _out);
            TensorPrimitives.Add(row, _bias.Value, row);
            int target = targets[r];
            if ((uint)target >= (uint)_out) throw new ArgumentException($"target {target} is outside 0..{_out - 1}", nameof(targets));
            if (TensorPrimitives.IndexOfMax(row) == target) correct++;
            float max = TensorPrimitives.Max(row);
            TensorPrimitives.Subtract(row, max, row);
            TensorPrimitives.Exp(row, row);
            float sum = TensorPrimitives.Sum(row);
            TensorPrimitives.Divide(row, sum, row);
            loss -= Math.Log(Math.Max(row[target], float.Epsilon));
        }
        return new PassResult(loss, _rows, correct);
    }

    /// <summary>
    /// Gradients of the mean loss over <paramref name="lossRows"/> targets, or with <paramref name="distillation"/>
    /// of the distillation loss against the teacher's softmax at its temperature; returns dL/d(input) [rows, in].
    /// </summary>
    public ReadOnlySpan<float> Backward(long lossRows, Distillation? distillation = null, ReadOnlySpan<float> teacherSoft = default)
    {
        float scale = 1f / lossRows;
        float[]? probabilities = null;
        if (distillation is not null)
        {
            probabilities = _saved ??= new float[_probabilities.Length];
            _probabilities.CopyTo(probabilities, 0);
        }
        var dLogits = _probabilities;
        for (int r = 0; r < _rows; r++) dLogits[r * _out + _targets[r]] -= 1f;
        if (distillation is not null) distillation.Blend(dLogits, probabilities!, teacherSoft, _out);
        TensorPrimitives.Multiply(dLogits, scale, dLogits);
        Blas.Gemm(dLogits, true, _inputUsed, false, _weight.Gradient, _out, _in, _rows, beta: 1f);
        for (int r = 0; r < _rows; r++) TensorPrimitives.Add(_bias.Gradient, dLogits.AsSpan(r * _out, _out), _bias.Gradient);
        Blas.Gemm(dLogits, false, _weightUsed, false, _dInput, _rows, _in, _out);
        return _dInput;
    }
}
