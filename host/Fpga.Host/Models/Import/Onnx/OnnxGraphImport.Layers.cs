using Fpga.Host.Formats;

namespace Fpga.Host.Models.Import.Onnx;

internal sealed partial class OnnxGraphImport
{
    /// <summary>Gather(table, token ids): the embedding lookup, before any LSTM.</summary>
    private OnnxActivation Embedding(OnnxNode node, TensorData table, OnnxActivation ids)
    {
        if (!ids.IsTokenIds) throw node.Fail("gathers rows of a constant with float activations as indices");
        RequireCurrent(node, ids);
        if (_embedding is not null) throw node.Fail("a second embedding lookup is not supported");
        if (node.Int("axis", 0) != 0) throw node.Fail("an embedding lookup gathers rows (axis 0)");
        if (table.Rank != 2 || !table.DType.IsFloatingPoint() || table.Shape[0] == 0 || table.Shape[1] == 0)
            throw node.Fail($"embedding table '{table.Name}' must be a float [vocab, dim] matrix, got {table.DType} {table.ShapeText}");
        _embedding = new EmbeddingLayer(table.Shape[0], table.Shape[1], table.ToFloat32());
        return new OnnxActivation([.. ids.Axes, OnnxAxis.Feature(table.Shape[1])], ++_stage, ids.LastStepOnly, IsTokenIds: false);
    }

    /// <summary>Gemm, or MatMul followed by Add of the bias: the dense output layer after the last LSTM.</summary>
    private OnnxActivation Dense(OnnxNode node, IReadOnlyList<OnnxValue?> inputs)
    {
        if (node.OpType == "Add") return DenseBias(node, inputs);
        if (inputs[0] is not OnnxActivation a) throw node.Fail($"multiplies a constant by the data path; the data path must be the first operand");
        if (inputs.Count < 2 || inputs[1] is not OnnxConstant b) throw node.Fail("the weight operand must be a constant (an initializer)");
        RequireCurrent(node, a);
        if (a.IsTokenIds || _layers.Count == 0) throw node.Fail("a dense layer before the first LSTM is not supported");
        if (_denseWeights is not null) throw node.Fail("a second dense layer is not supported");
        var feature = a.Axes[^1];
        if (feature.Kind != OnnxAxisKind.Feature) throw node.Fail("the data path's last axis is not its feature axis");
        int hidden = _layers[^1].HiddenSize;
        var weight = b.Tensor;
        if (weight.Rank != 2 || !weight.DType.IsFloatingPoint()) throw node.Fail($"weight '{weight.Name}' must be a float matrix, got {weight.DType} {weight.ShapeText}");

        float[] weights;
        int outputs;
        if (node.OpType == "Gemm")
        {
            if (a.Rank != 2) throw node.Fail($"Gemm needs a [rows, {hidden}] input, the data path has rank {a.Rank}");
            if (node.Int("transA", 0) != 0) throw node.Fail("transA=1 would transpose the data path, which is not supported");
            bool transB = node.Int("transB", 0) != 0;
            outputs = transB ? weight.Shape[0] : weight.Shape[1];
            if ((transB ? weight.Shape[1] : weight.Shape[0]) != hidden)
                throw node.Fail($"weight '{weight.Name}' {weight.ShapeText} does not read the last hidden size {hidden}{(transB ? " (transB=1)" : "")}");
            float alpha = node.Float("alpha", 1f);
            weights = transB ? weight.ToFloat32() : ImportTensors.Transpose(weight.ToFloat32(), hidden, outputs);
            if (alpha != 1f) weights = weights.Select(w => w * alpha).ToArray();
            _denseBias = inputs.Count > 2 && inputs[2] is { } c ? GemmBias(node, c, outputs, node.Float("beta", 1f)) : new float[outputs];
        }
        else
        {
            if (weight.Shape[0] != hidden) throw node.Fail($"weight '{weight.Name}' {weight.ShapeText} does not read the last hidden size {hidden}");
            outputs = weight.Shape[1];
            weights = ImportTensors.Transpose(weight.ToFloat32(), hidden, outputs);
            _denseAwaitsBias = true;
        }
        if (outputs == 0) throw node.Fail($"weight '{weight.Name}' has no outputs");
        _denseWeights = weights;
        _denseOutputs = outputs;
        return a.WithAxes([.. a.Axes.Take(a.Rank - 1), OnnxAxis.Feature(outputs)]) with { Stage = ++_stage };
    }

    private float[] GemmBias(OnnxNode node, OnnxValue value, int outputs, float beta)
    {
        if (value is not OnnxConstant constant) throw node.Fail("the Gemm bias must be a constant");
        var bias = BroadcastBias(node, constant.Tensor, outputs);
        return beta == 1f ? bias : bias.Select(v => v * beta).ToArray();
    }

    private OnnxActivation DenseBias(OnnxNode node, IReadOnlyList<OnnxValue?> inputs)
    {
        var a = inputs.OfType<OnnxActivation>().First();
        var other = inputs.FirstOrDefault(v => v is not OnnxActivation);
        if (inputs.OfType<OnnxActivation>().Count() != 1 || other is not OnnxConstant bias)
            throw node.Fail("adds to the data path something other than a constant bias, which is not supported");
        if (!_denseAwaitsBias) throw node.Fail("adds a constant to the data path outside a dense layer's bias (MatMul then Add), which is not supported");
        RequireCurrent(node, a);
        _denseBias = BroadcastBias(node, bias.Tensor, _denseOutputs);
        _denseAwaitsBias = false;
        return a with { Stage = ++_stage };
    }

    /// <summary>A bias that broadcasts along the last axis only: [O], [1, O], or a single value.</summary>
    private static float[] BroadcastBias(OnnxNode node, TensorData bias, int outputs)
    {
        if (!bias.DType.IsFloatingPoint()) throw node.Fail($"bias '{bias.Name}' must be floating point, got {bias.DType}");
        var values = bias.ToFloat32();
        bool lastAxisOnly = bias.Shape.Take(Math.Max(0, bias.Rank - 1)).All(d => d == 1);
        if (lastAxisOnly && values.Length == outputs) return values;
        if (values.Length == 1) return Enumerable.Repeat(values[0], outputs).ToArray();
        throw node.Fail($"bias '{bias.Name}' {bias.ShapeText} does not broadcast over the {outputs} outputs");
    }

    /// <summary>Model-building nodes must consume the newest stage: anything else is a branch or a skip connection.</summary>
    private void RequireCurrent(OnnxNode node, OnnxActivation a)
    {
        if (a.Stage != _stage)
            throw node.Fail("uses the output of an earlier layer after a later layer was added; branches and skip connections are not supported");
        if (_denseAwaitsBias && node.OpType != "Add") throw node.Fail("follows a MatMul whose bias Add is missing");
    }
}
