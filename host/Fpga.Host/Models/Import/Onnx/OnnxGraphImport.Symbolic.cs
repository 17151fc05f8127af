namespace Fpga.Host.Models.Import.Onnx;

internal sealed partial class OnnxGraphImport
{
    /// <summary>
    /// Nodes fed by runtime shapes or runtime-shaped zeros (and no data path): the Shape, Gather,
    /// Unsqueeze, Concat, ConstantOfShape/Expand chains exporters emit for zero initial states.
    /// </summary>
    private OnnxValue Symbolic(OnnxNode node, IReadOnlyList<OnnxValue?> inputs)
    {
        var data = inputs.Count > 0 ? inputs[0] : null;
        switch (node.OpType)
        {
            case "Shape":
                return OnnxShapeNumbers.Instance;
            case "ConstantOfShape":
                if (OnnxConstantFolding.IsAllZero(OnnxConstantFolding.FillValue(node))) return OnnxZeros.Instance;
                return new OnnxUnusable($"'{node.Output(0)}' is a non-zero ConstantOfShape of runtime shape, which is not supported");
            case "Expand":
                return data is OnnxZeros || (data is OnnxConstant c && OnnxConstantFolding.IsAllZero(c.Tensor))
                    ? OnnxZeros.Instance
                    : throw node.Fail("Expand of a non-zero value to a runtime shape is not supported (only zero initial states are)");
            case "Concat":
                if (inputs.All(v => v is OnnxZeros || (v is OnnxConstant z && OnnxConstantFolding.IsAllZero(z.Tensor)))) return OnnxZeros.Instance;
                if (inputs.All(v => v is OnnxShapeNumbers or OnnxConstant)) return OnnxShapeNumbers.Instance;
                throw node.Fail("concatenates runtime-shaped values that are neither shapes nor zeros");
            case "Reshape":
                if (data is OnnxZeros || (data is OnnxConstant d && OnnxConstantFolding.IsAllZero(d.Tensor))) return OnnxZeros.Instance;
                if (data is OnnxShapeNumbers) return OnnxShapeNumbers.Instance;
                throw node.Fail("reshapes a non-zero constant to a runtime shape, which is not supported");
            case "Identity" or "Cast" or "Squeeze" or "Unsqueeze" or "Slice" or "Gather" or "Transpose" or "Add":
                // The result is as runtime-dependent as the data operand: shape numbers stay shape numbers, zeros stay zeros.
                if (data is OnnxZeros or OnnxShapeNumbers) return data;
                if (node.OpType == "Gather" || node.OpType == "Add") return OnnxShapeNumbers.Instance;
                throw node.Fail($"takes a runtime shape as its {node.OpType} parameters, which is not supported");
            default:
                throw node.Fail("acts on zero initial states or shape numbers in a way the importer does not follow");
        }
    }
}
