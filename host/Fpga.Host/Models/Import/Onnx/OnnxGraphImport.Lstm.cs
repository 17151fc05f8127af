using System.Collections.Immutable;
using Fpga.Host.Formats;

namespace Fpga.Host.Models.Import.Onnx;

internal sealed partial class OnnxGraphImport
{
    /// <summary>The default activations of the ONNX LSTM operator, the only ones the accelerator implements.</summary>
    private static readonly string[] DefaultActivations = ["Sigmoid", "Tanh", "Tanh"];

    /// <summary>
    /// LSTM(X, W, R, B, sequence_lens, initial_h, initial_c, P): one forward layer with zero initial
    /// states and default activations. Outputs Y (every step), Y_h (last step) and Y_c (cell state, unusable).
    /// </summary>
    private IReadOnlyList<OnnxValue> Lstm(OnnxNode node, IReadOnlyList<OnnxValue?> inputs)
    {
        OnnxValue? Input(int i) => i < inputs.Count ? inputs[i] : null;
        if (Input(0) is not OnnxActivation x) throw node.Fail("input X must come from the model input");
        if (x.IsTokenIds) throw node.Fail("input X is token ids; an embedding (Gather) must come first");
        if (x.LastStepOnly) throw node.Fail("input X holds only the last time step of the previous layer; stacked LSTMs must pass every step");
        RequireCurrent(node, x);
        if (_denseWeights is not null) throw node.Fail("an LSTM after the dense layer is not supported");

        string direction = node.String("direction") ?? "forward";
        if (direction != "forward") throw node.Fail($"direction '{direction}' is not supported; only forward LSTMs run on the accelerator");
        if (node.Strings("activations") is { } activations && !activations.SequenceEqual(DefaultActivations, StringComparer.OrdinalIgnoreCase))
            throw node.Fail($"activations [{string.Join(", ", activations)}] are not supported; only the defaults [Sigmoid, Tanh, Tanh] are");
        if (node.Has("activation_alpha") || node.Has("activation_beta")) throw node.Fail("activation_alpha/activation_beta are not supported");
        if (node.Has("clip")) throw node.Fail("cell clipping (clip) is not supported");
        if (node.Int("input_forget", 0) != 0) throw node.Fail("input_forget=1 (coupled input and forget gates) is not supported");
        long layout = node.Int("layout", 0);
        if (layout is not (0 or 1)) throw node.Fail($"layout {layout} is invalid");

        var w = Weight(node, Input(1), 1, "W");
        var r = Weight(node, Input(2), 2, "R");
        if (w.Rank != 3 || r.Rank != 3 || w.Shape[0] != 1 || r.Shape[0] != 1)
            throw node.Fail($"W {w.ShapeText} and R {r.ShapeText} must be [1, 4*hidden, ...] for one direction");
        int fourH = r.Shape[1];
        int hidden = fourH / 4;
        if (fourH == 0 || fourH % 4 != 0 || r.Shape[2] != hidden || w.Shape[1] != fourH)
            throw node.Fail($"R '{r.Name}' {r.ShapeText} and W '{w.Name}' {w.ShapeText} are not [1, 4*hidden, hidden] and [1, 4*hidden, input]");
        if (node.Int("hidden_size", hidden) != hidden) throw node.Fail($"hidden_size {node.Int("hidden_size", 0)} disagrees with R {r.ShapeText}");
        int input = w.Shape[2];
        if (x.Rank != 3) throw node.Fail($"input X must have rank 3, it has rank {x.Rank}");
        int timeAxis = layout == 0 ? 0 : 1;
        Bind(node, x.Axes[timeAxis], OnnxAxisRole.Time);
        Bind(node, x.Axes[1 - timeAxis], OnnxAxisRole.Batch);
        var feature = x.Axes[2];
        if (feature.Kind != OnnxAxisKind.Feature) throw node.Fail($"input X's last axis is the {Describe(feature)}, not the feature axis (layout {layout})");
        if (feature.Size >= 0 && feature.Size != input) throw node.Fail($"input X has {feature.Size} features but W '{w.Name}' expects {input}");
        int expectedInput = _layers.Count > 0 ? _layers[^1].HiddenSize : _embedding?.Dimension ?? input;
        if (input != expectedInput) throw node.Fail($"W '{w.Name}' reads {input} inputs but the previous layer gives {expectedInput}");

        float[] biasIh = new float[fourH], biasHh = new float[fourH];
        if (Input(3) is { } bValue)
        {
            var b = Weight(node, bValue, 3, "B");
            if (b.Rank != 2 || b.Shape[0] != 1 || b.Shape[1] != 2 * fourH) throw node.Fail($"B '{b.Name}' {b.ShapeText} is not [1, {2 * fourH}]");
            var values = b.ToFloat32();
            biasIh = values[..fourH];
            biasHh = values[fourH..];
        }
        if (Input(4) is not null) throw node.Fail($"sequence_lens '{node.Input(4)}' (variable-length sequences) is not supported");
        RequireZero(node, Input(5), 5, "initial_h");
        RequireZero(node, Input(6), 6, "initial_c");
        RequireZero(node, Input(7), 7, "P (peepholes)");

        var order = Models.LstmGateOrder.Onnx;
        _layers.Add(new LstmLayer(input, hidden,
            order.ToCanonical(w.ToFloat32(), hidden, input),
            order.ToCanonical(r.ToFloat32(), hidden, hidden),
            order.ToCanonical(biasIh, hidden, 1),
            order.ToCanonical(biasHh, hidden, 1)));

        int stage = ++_stage;
        var time = x.Axes[timeAxis];
        var batch = x.Axes[1 - timeAxis];
        var y = layout == 0
            ? ImmutableArray.Create(time, OnnxAxis.Unit, batch, OnnxAxis.Feature(hidden))
            : ImmutableArray.Create(batch, time, OnnxAxis.Unit, OnnxAxis.Feature(hidden));
        var yh = layout == 0
            ? ImmutableArray.Create(OnnxAxis.Unit, batch, OnnxAxis.Feature(hidden))
            : ImmutableArray.Create(batch, OnnxAxis.Unit, OnnxAxis.Feature(hidden));
        return
        [
            new OnnxActivation(y, stage, LastStepOnly: false, IsTokenIds: false),
            new OnnxActivation(yh, stage, LastStepOnly: true, IsTokenIds: false),
            new OnnxUnusable($"'{node.Output(2)}' is the cell state Y_c of LSTM node '{node.Name}', which is not part of the model's result"),
        ];
    }

    private static TensorData Weight(OnnxNode node, OnnxValue? value, int index, string role)
    {
        if (value is not OnnxConstant constant) throw node.Fail($"{role} '{node.Input(index)}' must be a constant (an initializer)");
        if (!constant.Tensor.DType.IsFloatingPoint()) throw node.Fail($"{role} '{constant.Tensor.Name}' must be floating point, got {constant.Tensor.DType}");
        return constant.Tensor;
    }

    private static void RequireZero(OnnxNode node, OnnxValue? value, int index, string role)
    {
        switch (value)
        {
            case null or OnnxZeros:
                return;
            case OnnxConstant c when OnnxConstantFolding.IsAllZero(c.Tensor):
                return;
            default:
                throw node.Fail($"{role} '{node.Input(index)}' is not all zeros; only zero initial states (and no peepholes) are supported");
        }
    }

    /// <summary>Records which input axis is batch and which is time, and insists every LSTM agrees.</summary>
    private void Bind(OnnxNode node, OnnxAxis axis, OnnxAxisRole role)
    {
        switch (axis.Kind)
        {
            case OnnxAxisKind.Input when _roles.TryGetValue(axis.Id, out var known):
                if (known != role) throw node.Fail($"its {role.ToString().ToLowerInvariant()} axis is the {known.ToString().ToLowerInvariant()} axis of an earlier LSTM (are batch and time swapped?)");
                return;
            case OnnxAxisKind.Input:
                _roles[axis.Id] = role;
                return;
            case OnnxAxisKind.Unit when role == OnnxAxisRole.Batch:
                return;
            default:
                throw node.Fail($"its {role.ToString().ToLowerInvariant()} axis is the {Describe(axis)}");
        }
    }
}
