using Fpga.Host.Formats;

namespace Fpga.Host.Models.Import.Onnx;

internal sealed partial class OnnxGraphImport
{
    /// <summary>A node whose inputs are all constants (or omitted): its output is a constant too.</summary>
    private OnnxValue Fold(OnnxNode node, IReadOnlyList<TensorData?> inputs)
    {
        TensorData Input(int i) => i < inputs.Count && inputs[i] is { } t ? t : throw node.Fail($"needs input {i}");
        var wrapped = inputs.Select(t => t is null ? null : (OnnxValue)new OnnxConstant(t)).ToList();
        var result = node.OpType switch
        {
            "Identity" => Input(0).WithName(node.Output(0)),
            "Cast" => OnnxConstantFolding.Cast(node, Input(0)),
            "Shape" => OnnxConstantFolding.Shape(node, Input(0).Shape),
            "Reshape" => OnnxConstantFolding.Reshape(node, Input(0), OnnxConstantFolding.Integers(node, Input(1))),
            "Squeeze" => OnnxConstantFolding.Squeeze(node, Input(0), IntsInputOrAttribute(node, wrapped, 1, "axes")),
            "Unsqueeze" => OnnxConstantFolding.Unsqueeze(node, Input(0), IntsInputOrAttribute(node, wrapped, 1, "axes") ?? throw node.Fail("Unsqueeze has no axes")),
            "Transpose" => OnnxConstantFolding.Transpose(node, Input(0)),
            "Concat" => OnnxConstantFolding.Concat(node, inputs.OfType<TensorData>().ToList()),
            "Gather" => OnnxConstantFolding.Gather(node, Input(0), Input(1)),
            "Slice" => OnnxConstantFolding.Slice(node, Input(0), SliceRanges(node, wrapped)),
            "Add" => OnnxConstantFolding.Add(node, Input(0), Input(1)),
            "ConstantOfShape" => OnnxConstantFolding.ConstantOfShape(node, Input(0)),
            "Expand" => ExpandZeros(node, Input(0), Input(1)),
            _ => throw node.Fail($"{node.OpType} on constants only is not supported; it must act on the model input"),
        };
        return new OnnxConstant(result);
    }

    /// <summary>Expand only ever broadcasts zero initial states here; broadcasting data is not needed.</summary>
    private static TensorData ExpandZeros(OnnxNode node, TensorData input, TensorData shape)
    {
        if (!OnnxConstantFolding.IsAllZero(input)) throw node.Fail("Expand of a non-zero constant is not supported (only zero initial states are)");
        var dims = OnnxConstantFolding.Integers(node, shape);
        int rank = Math.Max(dims.Length, input.Rank);
        var result = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            long a = i - (rank - dims.Length) >= 0 ? dims[i - (rank - dims.Length)] : 1;
            long b = i - (rank - input.Rank) >= 0 ? input.Shape[i - (rank - input.Rank)] : 1;
            if (a != b && a != 1 && b != 1) throw node.Fail($"cannot broadcast {input.ShapeText} to [{string.Join(", ", dims)}]");
            result[i] = (int)Math.Max(a, b);
        }
        return new TensorData(node.Output(0), input.DType, result, new byte[TensorShape.ElementCount(result) * input.DType.ElementSize()]);
    }
}
