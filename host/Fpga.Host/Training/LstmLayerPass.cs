using System.Numerics.Tensors;
using Fpga.Host.Quantization;

namespace Fpga.Host.Training;

/// <summary>
/// Forward and backward of one LSTM layer over a whole [steps, batch] block (truncated BPTT: no
/// gradient flows into the initial state). The input projection of all steps is one matrix
/// product; only h_{t-1} W_hh^T runs step by step. Everything the backward pass needs is kept.
/// </summary>
internal sealed class LstmLayerPass
{
    private readonly TrainableLstmLayer _layer;
    private readonly int _batch, _steps, _in, _hidden;
    private readonly float[] _inputUsed, _gates, _cell, _tanhCell, _hiddenOut, _hiddenPrevUsed;
    private readonly float[] _h0, _c0, _bias, _dGates, _dInput, _dhNext, _dcNext;
    private float[] _weightIh, _weightHh;

    public LstmLayerPass(TrainableLstmLayer layer, int batch, int steps)
    {
        _layer = layer;
        _batch = batch;
        _steps = steps;
        _in = layer.InputSize;
        _hidden = layer.HiddenSize;
        int rows = batch * steps;
        _inputUsed = new float[rows * _in];
        _gates = new float[rows * 4 * _hidden];
        _cell = new float[rows * _hidden];
        _tanhCell = new float[rows * _hidden];
        _hiddenOut = new float[rows * _hidden];
        _hiddenPrevUsed = new float[rows * _hidden];
        _h0 = new float[batch * _hidden];
        _c0 = new float[batch * _hidden];
        _bias = new float[4 * _hidden];
        _dGates = new float[rows * 4 * _hidden];
        _dInput = new float[rows * _in];
        _dhNext = new float[batch * _hidden];
        _dcNext = new float[batch * _hidden];
        _weightIh = layer.WeightIh.Value;
        _weightHh = layer.WeightHh.Value;
    }

    /// <summary>[steps, batch, hidden]: the hidden state of every step.</summary>
    public ReadOnlySpan<float> Output => _hiddenOut;

    public void ResetState()
    {
        Array.Clear(_h0);
        Array.Clear(_c0);
    }

    /// <summary>Makes the last step's state the next block's initial state (language modelling over a stream).</summary>
    public void CarryState()
    {
        int last = (_steps - 1) * _batch * _hidden;
        Array.Copy(_hiddenOut, last, _h0, 0, _h0.Length);
        Array.Copy(_cell, last, _c0, 0, _c0.Length);
    }

    public void TakeStateFrom(LstmLayerPass other)
    {
        other._h0.CopyTo(_h0, 0);
        other._c0.CopyTo(_c0, 0);
    }

    public void Forward(ReadOnlySpan<float> input, QuantizationAware quantization)
    {
        int rows = _batch * _steps, h = _hidden, g4 = 4 * h;
        _weightIh = Effective(_layer.WeightIh, quantization.Weights, _weightIh);
        _weightHh = Effective(_layer.WeightHh, quantization.Weights, _weightHh);
        if (quantization.Activations is { } aq) FakeQuantization.Apply(input[..(rows * _in)], rows, _in, aq, _inputUsed);
        else input[..(rows * _in)].CopyTo(_inputUsed);
        TensorPrimitives.Add(_layer.BiasIh.Value, _layer.BiasHh.Value, _bias);

        Blas.Gemm(_inputUsed, false, _weightIh, true, _gates, rows, g4, _in);
        for (int t = 0; t < _steps; t++)
        {
            var prevH = t == 0 ? _h0.AsSpan() : _hiddenOut.AsSpan((t - 1) * _batch * h, _batch * h);
            var prevC = t == 0 ? _c0.AsSpan() : _cell.AsSpan((t - 1) * _batch * h, _batch * h);
            var used = _hiddenPrevUsed.AsSpan(t * _batch * h, _batch * h);
            if (quantization.Activations is { } a) FakeQuantization.Apply(prevH, _batch, h, a, used);
            else prevH.CopyTo(used);
            var gates = _gates.AsSpan(t * _batch * g4, _batch * g4);
            Blas.Gemm(used, false, _weightHh, true, gates, _batch, g4, h, beta: 1f);
            for (int b = 0; b < _batch; b++)
            {
                var row = gates.Slice(b * g4, g4);
                TensorPrimitives.Add(row, _bias, row);
                var i = row[..h];
                var f = row.Slice(h, h);
                var gg = row.Slice(2 * h, h);
                var o = row.Slice(3 * h, h);
                TensorPrimitives.Sigmoid(row[..(2 * h)], row[..(2 * h)]);
                TensorPrimitives.Tanh(gg, gg);
                TensorPrimitives.Sigmoid(o, o);
                int at = (t * _batch + b) * h;
                var c = _cell.AsSpan(at, h);
                TensorPrimitives.Multiply(f, prevC.Slice(b * h, h), c);
                TensorPrimitives.MultiplyAdd(i, gg, c, c);
                var tc = _tanhCell.AsSpan(at, h);
                TensorPrimitives.Tanh(c, tc);
                TensorPrimitives.Multiply(o, tc, _hiddenOut.AsSpan(at, h));
            }
        }
    }

    /// <summary>Accumulates parameter gradients from dL/dh of every step; returns dL/d(input) [steps, batch, in].</summary>
    public ReadOnlySpan<float> Backward(ReadOnlySpan<float> dHidden)
    {
        int rows = _batch * _steps, h = _hidden, g4 = 4 * h;
        Array.Clear(_dhNext);
        Array.Clear(_dcNext);
        for (int t = _steps - 1; t >= 0; t--)
        {
            for (int b = 0; b < _batch; b++)
            {
                int at = (t * _batch + b) * h;
                var gates = _gates.AsSpan((t * _batch + b) * g4, g4);
                var dGates = _dGates.AsSpan((t * _batch + b) * g4, g4);
                var prevC = t == 0 ? _c0.AsSpan(b * h, h) : _cell.AsSpan(at - _batch * h, h);
                var dhNext = _dhNext.AsSpan(b * h, h);
                var dcNext = _dcNext.AsSpan(b * h, h);
                var dh = dHidden.Slice(at, h);
                var tanhC = _tanhCell.AsSpan(at, h);
                for (int j = 0; j < h; j++)
                {
                    float i = gates[j], f = gates[h + j], g = gates[2 * h + j], o = gates[3 * h + j], tc = tanhC[j];
                    float dhj = dh[j] + dhNext[j];
                    float dc = dcNext[j] + dhj * o * (1 - tc * tc);
                    dGates[j] = dc * g * i * (1 - i);
                    dGates[h + j] = dc * prevC[j] * f * (1 - f);
                    dGates[2 * h + j] = dc * i * (1 - g * g);
                    dGates[3 * h + j] = dhj * tc * o * (1 - o);
                    dcNext[j] = dc * f;
                }
            }
            if (t > 0) Blas.Gemm(_dGates.AsSpan(t * _batch * g4, _batch * g4), false, _weightHh, false, _dhNext, _batch, h, g4);
        }
        Blas.Gemm(_dGates, true, _inputUsed, false, _layer.WeightIh.Gradient, g4, _in, rows, beta: 1f);
        Blas.Gemm(_dGates, true, _hiddenPrevUsed, false, _layer.WeightHh.Gradient, g4, h, rows, beta: 1f);
        // Both biases enter the gates the same way, so both get the column sums of dGates.
        Array.Clear(_bias);
        for (int r = 0; r < rows; r++) TensorPrimitives.Add(_bias, _dGates.AsSpan(r * g4, g4), _bias);
        TensorPrimitives.Add(_layer.BiasIh.Gradient, _bias, _layer.BiasIh.Gradient);
        TensorPrimitives.Add(_layer.BiasHh.Gradient, _bias, _layer.BiasHh.Gradient);
        Blas.Gemm(_dGates, false, _weightIh, false, _dInput, rows, _in, g4);
        return _dInput;
    }

    private static float[] Effective(TrainableTensor weight, QuantizerOptions? options, float[] current)
    {
        if (options is null) return weight.Value;
        var result = ReferenceEquals(current, weight.Value) ? new float[weight.Value.Length] : current;
        FakeQuantization.Apply(weight.Value, weight.Rows, weight.Cols, options, result);
        return result;
    }
}
