using System.Buffers.Binary;
using Fpga.Host.Formats.Onnx.Proto;
using DataType = Fpga.Host.Formats.Onnx.Proto.TensorProto.Types.DataType;

namespace Fpga.Host.Formats.Onnx;

/// <summary>Converts ONNX TensorProto values (raw_data or the typed repeated fields) to <see cref="TensorData"/>.</summary>
internal static class OnnxTensors
{
    public static TensorData ToTensorData(TensorProto proto, string source, string? nameOverride = null)
    {
        string name = nameOverride ?? proto.Name;
        if (proto.DataLocation == TensorProto.Types.DataLocation.External || proto.ExternalData.Count > 0)
            throw FileErrors.Tensor(source, name, "stored in an external data file, which is not supported; re-export without external data");
        var type = (DataType)proto.DataType;
        TensorDType dtype = type switch
        {
            DataType.Float => TensorDType.F32,
            DataType.Double => TensorDType.F64,
            DataType.Float16 => TensorDType.F16,
            DataType.Bfloat16 => TensorDType.BF16,
            DataType.Int64 => TensorDType.I64,
            DataType.Int32 => TensorDType.I32,
            DataType.Int16 => TensorDType.I16,
            DataType.Int8 => TensorDType.I8,
            DataType.Uint8 => TensorDType.U8,
            DataType.Bool => TensorDType.Bool,
            _ => throw FileErrors.Tensor(source, name, $"unsupported ONNX tensor data type {type} ({proto.DataType})"),
        };
        if (proto.Dims.Any(d => d < 0 || d > int.MaxValue)) throw FileErrors.Tensor(source, name, $"invalid dims [{string.Join(", ", proto.Dims)}]");
        int[] shape = proto.Dims.Select(d => (int)d).ToArray();
        long count = TensorShape.ElementCount(shape);
        if (count < 0) throw FileErrors.Tensor(source, name, $"dims [{string.Join(", ", proto.Dims)}] are too large");
        int size = dtype.ElementSize();

        byte[] bytes;
        if (proto.HasRawData)
        {
            bytes = proto.RawData.ToByteArray();
        }
        else
        {
            bytes = new byte[count * size];
            int stored = dtype switch
            {
                TensorDType.F32 => Fill(proto.FloatData, count, (span, v) => BinaryPrimitives.WriteSingleLittleEndian(span, v), bytes, size),
                TensorDType.F64 => Fill(proto.DoubleData, count, (span, v) => BinaryPrimitives.WriteDoubleLittleEndian(span, v), bytes, size),
                TensorDType.I64 => Fill(proto.Int64Data, count, (span, v) => BinaryPrimitives.WriteInt64LittleEndian(span, v), bytes, size),
                TensorDType.I32 => Fill(proto.Int32Data, count, (span, v) => BinaryPrimitives.WriteInt32LittleEndian(span, v), bytes, size),
                // The schema keeps 16-bit and 8-bit values (half floats as their bit patterns) in int32_data.
                TensorDType.I16 or TensorDType.F16 or TensorDType.BF16 => Fill(proto.Int32Data, count, (span, v) => BinaryPrimitives.WriteUInt16LittleEndian(span, unchecked((ushort)v)), bytes, size),
                _ => Fill(proto.Int32Data, count, (span, v) => span[0] = unchecked((byte)v), bytes, size),
            };
            if (stored != count) throw FileErrors.Tensor(source, name, $"dims [{string.Join(", ", proto.Dims)}] need {count} values but the tensor stores {stored}");
        }
        if (bytes.LongLength != count * size)
            throw FileErrors.Tensor(source, name, $"{dtype} [{string.Join(", ", proto.Dims)}] needs {count * size} bytes of raw_data, got {bytes.LongLength}");
        return new TensorData(name, dtype, shape, bytes);
    }

    private delegate void Writer<T>(Span<byte> target, T value);

    private static int Fill<T>(IReadOnlyList<T> values, long count, Writer<T> write, byte[] bytes, int size)
    {
        if (values.Count != count) return values.Count;
        for (int i = 0; i < values.Count; i++) write(bytes.AsSpan(i * size, size), values[i]);
        return values.Count;
    }

    /// <summary>A TensorProto holding the tensor in raw_data, as exporters write initializers.</summary>
    public static TensorProto FromTensorData(TensorData tensor)
    {
        var proto = new TensorProto
        {
            Name = tensor.Name,
            DataType = (int)(tensor.DType switch
            {
                TensorDType.F32 => DataType.Float,
                TensorDType.F64 => DataType.Double,
                TensorDType.F16 => DataType.Float16,
                TensorDType.BF16 => DataType.Bfloat16,
                TensorDType.I64 => DataType.Int64,
                TensorDType.I32 => DataType.Int32,
                TensorDType.I16 => DataType.Int16,
                TensorDType.I8 => DataType.Int8,
                TensorDType.U8 => DataType.Uint8,
                _ => DataType.Bool,
            }),
            RawData = Google.Protobuf.ByteString.CopyFrom(tensor.Bytes),
        };
        proto.Dims.AddRange(tensor.Shape.Select(d => (long)d));
        return proto;
    }
}
