using Fpga.Host.Formats.Onnx.Proto;
using Fpga.Host.Models;
using Google.Protobuf;

namespace Fpga.Host.Formats.Onnx;

/// <summary>
/// Writes a float LSTM stack as an ONNX model of standard LSTM operators (opset 14, forward,
/// default activations, zero initial states), so other runtimes can run the very model the
/// toolchain quantizes: input "input" [steps, batch, features], output "output" [steps, batch, H]
/// of the last layer. Between layers a Squeeze drops the LSTM's direction axis. Gate blocks go
/// from the canonical i, f, g, o to ONNX's i, o, f, c. Embeddings and dense layers are not written.
/// </summary>
public static class OnnxLstmExport
{
    public const string InputName = "input";
    public const string OutputName = "output";
    private const int Opset = 14;
    private const int IrVersion = 8;

    public static byte[] Write(LstmModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Embedding is not null || model.Dense is not null)
            throw new ArgumentException("only the LSTM layers are exported; this model has an embedding or a dense layer", nameof(model));
        var graph = new GraphProto { Name = "lstm" };
        graph.Input.Add(Value(InputName, "steps", "batch", model.InputSize));
        graph.Initializer.Add(Int64s("squeeze_axes", [1]));
        string x = InputName;
        for (int l = 0; l < model.Layers.Count; l++)
        {
            var layer = model.Layers[l];
            int h = layer.HiddenSize;
            var order = LstmGateOrder.Onnx;
            graph.Initializer.Add(Floats($"W{l}", [1, 4 * h, layer.InputSize], order.FromCanonical(layer.WeightIh, h, layer.InputSize)));
            graph.Initializer.Add(Floats($"R{l}", [1, 4 * h, h], order.FromCanonical(layer.WeightHh, h, h)));
            graph.Initializer.Add(Floats($"B{l}", [1, 8 * h], [.. order.FromCanonical(layer.BiasIh, h, 1), .. order.FromCanonical(layer.BiasHh, h, 1)]));
            var lstm = new NodeProto { OpType = "LSTM", Name = $"lstm{l}" };
            lstm.Input.AddRange([x, $"W{l}", $"R{l}", $"B{l}"]);
            lstm.Output.Add($"Y{l}");
            lstm.Attribute.Add(new AttributeProto { Name = "hidden_size", Type = AttributeProto.Types.AttributeType.Int, I = h });
            graph.Node.Add(lstm);
            x = l == model.Layers.Count - 1 ? OutputName : $"X{l + 1}";
            var squeeze = new NodeProto { OpType = "Squeeze", Name = $"squeeze{l}" };
            squeeze.Input.AddRange([$"Y{l}", "squeeze_axes"]);
            squeeze.Output.Add(x);
            graph.Node.Add(squeeze);
        }
        graph.Output.Add(Value(OutputName, "steps", "batch", model.Layers[^1].HiddenSize));
        var onnx = new ModelProto { IrVersion = IrVersion, ProducerName = "fpga", Graph = graph };
        onnx.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        return onnx.ToByteArray();
    }

    private static ValueInfoProto Value(string name, string steps, string batch, int features)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = steps });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = batch });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = features });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }

    private static TensorProto Floats(string name, long[] dims, float[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        tensor.RawData = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        return tensor;
    }

    private static TensorProto Int64s(string name, long[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.Add(values.Length);
        tensor.Int64Data.AddRange(values);
        return tensor;
    }
}
