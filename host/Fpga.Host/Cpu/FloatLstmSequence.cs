using System.Runtime.CompilerServices;
using System.Numerics.Tensors;

namespace Fpga.Host.Cpu;

/// <summary>The state of one sequence on <see cref="FloatLstm"/>: per layer the vector [x | h] and c, and scratch, allocated once.</summary>
public sealed class FloatLstmSequence
{
    private readonly FloatLstm _engine;
    private readonly WorkSplit _split;
    private readonly float[][] _inputs;
    private readonly float[][] _cells;
    private readonly float[][] _next;
    private readonly float[] _gates;

    internal FloatLstmSequence(FloatLstm engine)
    {
        _engine = engine;
        _split = new WorkSplit(engine.Threads, engine.MinimumUnitsPerThread);
        _inputs = engine.Layers.Select(l => new float[l.RowLength]).ToArray();
        _cells = engine.Layers.Select(l => new float[l.HiddenSize]).ToArray();
        _next = engine.Layers.Select(l => new float[l.HiddenSize]).ToArray();
        _gates = new float[engine.Layers.Max(l => 4 * l.HiddenSize)];
    }

    /// <summary>The last layer's h after the latest step.</summary>
    public ReadOnlySpan<float> Hidden => _next[^1];

    public void Reset()
    {
        foreach (var v in _inputs) Array.Clear(v);
        foreach (var v in _cells) Array.Clear(v);
        foreach (var v in _next) Array.Clear(v);
    }

    public void Step(ReadOnlySpan<float> features)
    {
        var layers = _engine.Layers;
        if (features.Length != layers[0].InputSize)
            throw new ArgumentException($"a step input has {features.Length} features but the model takes {layers[0].InputSize}", nameof(features));
        features.CopyTo(_inputs[0]);
        for (int l = 0; l < layers.Count; l++)
        {
            var layer = layers[l];
            float[] xh = _inputs[l], c = _cells[l], next = _next[l];
            _split.Run(layer.HiddenSize, (start, end) => Units(layer, xh, c, next, start, end));
            // Every part has read h of the previous step; now it may change.
            next.CopyTo(xh.AsSpan(layer.InputSize));
            if (l + 1 < layers.Count) next.CopyTo(_inputs[l + 1].AsSpan(0, layer.HiddenSize));
        }
    }

    // Fully optimized at first call, like the kernels, so neither engine is timed in unoptimized code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Units(FloatLayer layer, float[] xh, float[] c, float[] next, int start, int end)
    {
        int h = layer.HiddenSize, count = end - start, length = layer.RowLength;
        for (int q = 0; q < 4; q++)
        {
            for (int r = q * h + start; r < q * h + end; r++)
                _gates[r] = TensorPrimitives.Dot(layer.Weights.AsSpan(r * length, length), xh) + layer.Bias[r];
        }
        var i = _gates.AsSpan(start, count);
        var f = _gates.AsSpan(h + start, count);
        var g = _gates.AsSpan(2 * h + start, count);
        var o = _gates.AsSpan(3 * h + start, count);
        TensorPrimitives.Sigmoid(i, i);
        TensorPrimitives.Sigmoid(f, f);
        TensorPrimitives.Tanh(g, g);
        TensorPrimitives.Sigmoid(o, o);
        var cell = c.AsSpan(start, count);
        TensorPrimitives.Multiply(f, cell, cell);
        TensorPrimitives.MultiplyAdd(i, g, cell, cell);
        var hidden = next.AsSpan(start, count);
        TensorPrimitives.Tanh(cell, hidden);
        TensorPrimitives.Multiply(o, hidden, hidden);
    }
}
