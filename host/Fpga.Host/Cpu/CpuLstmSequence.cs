using System.Runtime.CompilerServices;
using Fpga.Gen.Spec;
using Fpga.Host.Diagnostics;
using Fpga.Host.Golden;
using Fpga.Host.Quantization;

namespace Fpga.Host.Cpu;

/// <summary>
/// The state of one sequence on the <see cref="CpuLstm"/> engine (every layer's cell state and
/// re-quantized hidden state) and its scratch, allocated once, so a step allocates only the
/// re-quantizer's result. Not thread-safe: one sequence is stepped by one caller.
/// </summary>
public sealed class CpuLstmSequence
{
    private readonly CpuLstm _engine;
    private readonly WorkSplit _split;
    private readonly PackedActivations _input;
    private readonly PackedActivations[] _states;
    private readonly long[][] _cells;
    private readonly long[][] _hidden;
    private readonly long[] _acc;
    private readonly int _accShift;

    internal CpuLstmSequence(CpuLstm engine, int threads)
    {
        _engine = engine;
        var spec = engine.Spec;
        _split = new WorkSplit(threads, engine.Options.MinimumUnitsPerThread);
        _input = new PackedActivations(spec.InputSize, spec.ActivationCodes);
        _states = Enumerable.Range(0, spec.Layers).Select(_ => new PackedActivations(spec.HiddenSize, spec.ActivationCodes)).ToArray();
        _cells = Enumerable.Range(0, spec.Layers).Select(_ => new long[spec.HiddenSize]).ToArray();
        _hidden = Enumerable.Range(0, spec.Layers).Select(_ => new long[spec.HiddenSize]).ToArray();
        _acc = new long[Math.Max(spec.GateRows, spec.DenseOutputs)];
        _accShift = spec.WeightCoefficient.Fraction + spec.ActivationCoefficient.Fraction - spec.Gate.Fraction;
        Reset();
    }

    /// <summary>The last layer's h after the latest step (Hidden integers).</summary>
    public ReadOnlySpan<long> Hidden => _hidden[^1];

    /// <summary>Reset-state: c = 0 and G_h = 0 in every layer.</summary>
    public void Reset()
    {
        var zero = CodedVector.Zero(_engine.Spec.HiddenSize, _engine.Spec.ActivationCodes);
        foreach (var state in _states) state.Load(zero);
        foreach (var cell in _cells) Array.Clear(cell);
        foreach (var hidden in _hidden) Array.Clear(hidden);
    }

    /// <summary>One step from a float input vector, quantized online exactly as the host quantizes it for the chip (<see cref="StepInput"/>).</summary>
    public void Step(ReadOnlySpan<float> features, ActivationQuantization inputMethod) =>
        Step(StepInput.Quantize(features, inputMethod, _engine.Spec));

    /// <summary>One step of every layer from the step's input codes (layer 0's columns and ka).</summary>
    public void Step(CodedVector input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var spec = _engine.Spec;
        if (input.Columns != spec.InputSize || input.Codes != spec.ActivationCodes)
            throw new FpgaException($"a step input has {input.Columns} columns and {input.Codes} codes but the accelerator takes {spec.InputSize} and {spec.ActivationCodes}");
        foreach (long g in input.Coefficients)
        {
            if (g < spec.ActivationCoefficient.Min || g > spec.ActivationCoefficient.Max)
                throw new FpgaException($"input coefficient {g} is outside the {spec.ActivationCoefficient} range");
        }
        _input.Load(input);
        var x = _input;
        for (int l = 0; l < spec.Layers; l++)
        {
            StepLayer(l, x);
            x = _states[l];
        }
    }

    /// <summary>Step 7: the dense layer's logits (Gate integers) over the last layer's re-quantized h.</summary>
    public long[] Logits()
    {
        var dense = _engine.Dense ?? throw new FpgaException("the model has no dense layer");
        var bias = _engine.Image.Dense!.Bias;
        var gate = _engine.Spec.Gate;
        var state = _states[^1];
        var isa = _engine.Options.Isa;
        var logits = new long[dense.Rows];
        _split.Run(dense.Rows, (start, end) =>
        {
            var acc = _acc.AsSpan(start, end - start);
            acc.Clear();
            XnorKernels.Accumulate(isa, dense, state, start, acc);
            for (int r = start; r < end; r++) logits[r] = PreActivation(_acc[r], bias[r], gate);
        });
        return logits;
    }

    /// <summary>Steps 1 to 6 of layer <paramref name="l"/>, hidden units split across threads; then the re-quantizer on the whole h.</summary>
    private void StepLayer(int l, PackedActivations x)
    {
        var layer = _engine.Layers[l];
        var own = _states[l];
        bool recurrent = !own.IsZero;
        _split.Run(_engine.Spec.HiddenSize, (start, end) => Units(layer, x, own, recurrent, _cells[l], _hidden[l], start, end));
        var spec = _engine.Spec;
        own.Load(spec.Requantization == HiddenRequantization.Static
            ? HiddenRequantizer.Static(_hidden[l], layer.StaticCoefficients!, spec, _engine.Widths)
            : HiddenRequantizer.Greedy(_hidden[l], spec, _engine.Widths));
    }

    /// <summary>Units start .. end - 1: their four gate rows' products (skipping a recurrent part whose G are all 0, which adds exactly 0), then steps 2 to 5.</summary>
    // Fully optimized at first call, like the kernels, so neither engine is timed in unoptimized code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Units(CpuLayer layer, PackedActivations x, PackedActivations own, bool recurrent, long[] cell, long[] hidden, int start, int end)
    {
        var spec = _engine.Spec;
        int h = spec.HiddenSize, count = end - start;
        var isa = _engine.Options.Isa;
        for (int q = 0; q < 4; q++)
        {
            int row = q * h + start;
            var acc = _acc.AsSpan(row, count);
            acc.Clear();
            XnorKernels.Accumulate(isa, layer.Input, x, row, acc);
            if (recurrent) XnorKernels.Accumulate(isa, layer.Hidden, own, row, acc);
        }
        int fh = spec.Hidden.Fraction, fc = spec.Cell.Fraction;
        var gate = spec.Gate;
        var sigmoid = _engine.GateSigmoid;
        var tanh = _engine.GateTanh;
        var cellTanh = _engine.CellTanh;
        var bias = layer.Bias;
        for (int k = start; k < end; k++)
        {
            long i = sigmoid[PreActivation(_acc[k], bias[k], gate)];
            long f = sigmoid[PreActivation(_acc[h + k], bias[h + k], gate)];
            long g = tanh[PreActivation(_acc[2 * h + k], bias[2 * h + k], gate)];
            long o = sigmoid[PreActivation(_acc[3 * h + k], bias[3 * h + k], gate)];
            cell[k] = FixedPoint.Saturate(FixedPoint.RoundShiftRight(f * cell[k], fh) + FixedPoint.RoundShiftRight(i * g, 2 * fh - fc), spec.Cell);
            hidden[k] = FixedPoint.Saturate(FixedPoint.RoundShiftRight(o * cellTanh[cell[k]], fh), spec.Hidden);
        }
    }

    /// <summary>Steps 2 and 7: sat_Gate(rshr(Acc, FA + FG - FZ) + Bias).</summary>
    private long PreActivation(long acc, long bias, FixedFormat gate) =>
        FixedPoint.Saturate(FixedPoint.RoundShiftRight(acc, _accShift) + bias, gate);
}
