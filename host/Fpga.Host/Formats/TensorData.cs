using System.Buffers.Binary;

namespace Fpga.Host.Formats;

/// <summary>
/// One named tensor as files store it: a dtype, a row-major shape and the little-endian bytes
/// of its elements. Readers produce it, writers consume it, and model loaders convert it.
/// </summary>
public sealed class TensorData
{
    public TensorData(string name, TensorDType dtype, IReadOnlyList<int> shape, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(name);
        long count = TensorShape.ElementCount(shape);
        if (count < 0) throw new ArgumentException($"tensor '{name}': shape {TensorShape.Format(shape)} is negative or too large", nameof(shape));
        if (bytes.LongLength != count * dtype.ElementSize())
            throw new ArgumentException($"tensor '{name}': {dtype} {TensorShape.Format(shape)} needs {count * dtype.ElementSize()} bytes, got {bytes.LongLength}", nameof(bytes));
        Name = name;
        DType = dtype;
        Shape = shape.ToArray();
        Bytes = bytes;
    }

    public string Name { get; }
    public TensorDType DType { get; }
    public IReadOnlyList<int> Shape { get; }

    /// <summary>Elements in C order, little-endian.</summary>
    public byte[] Bytes { get; }

    public int Rank => Shape.Count;
    public long ElementCount => Bytes.LongLength / DType.ElementSize();
    public string ShapeText => TensorShape.Format(Shape);

    public TensorData WithName(string name) => new(name, DType, Shape, Bytes);

    public TensorData WithShape(IReadOnlyList<int> shape) => new(Name, DType, shape, Bytes);

    public static TensorData FromFloat32(string name, IReadOnlyList<int> shape, ReadOnlySpan<float> values)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), values[i]);
        return new TensorData(name, TensorDType.F32, shape, bytes);
    }

    public static TensorData FromInt64(string name, IReadOnlyList<int> shape, ReadOnlySpan<long> values)
    {
        var bytes = new byte[values.Length * sizeof(long)];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * 8), values[i]);
        return new TensorData(name, TensorDType.I64, shape, bytes);
    }

    /// <summary>Every element as float32; float64 and wide integers round to nearest.</summary>
    public float[] ToFloat32()
    {
        var result = new float[ElementCount];
        var b = Bytes.AsSpan();
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = DType switch
            {
                TensorDType.F32 => BinaryPrimitives.ReadSingleLittleEndian(b[(i * 4)..]),
                TensorDType.F64 => (float)BinaryPrimitives.ReadDoubleLittleEndian(b[(i * 8)..]),
                TensorDType.F16 => (float)BinaryPrimitives.ReadHalfLittleEndian(b[(i * 2)..]),
                // bfloat16 is the upper half of a float32.
                TensorDType.BF16 => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(b[(i * 2)..]) << 16),
                _ => ReadInteger(b, i),
            };
        }
        return result;
    }

    /// <summary>Every element as int64; only for integer and bool tensors.</summary>
    public long[] ToInt64()
    {
        if (!DType.IsInteger()) throw new InvalidOperationException($"tensor '{Name}' is {DType}, not an integer tensor");
        var result = new long[ElementCount];
        for (int i = 0; i < result.Length; i++) result[i] = ReadInteger(Bytes, i);
        return result;
    }

    private long ReadInteger(ReadOnlySpan<byte> b, int i) => DType switch
    {
        TensorDType.I64 => BinaryPrimitives.ReadInt64LittleEndian(b[(i * 8)..]),
        TensorDType.I32 => BinaryPrimitives.ReadInt32LittleEndian(b[(i * 4)..]),
        TensorDType.I16 => BinaryPrimitives.ReadInt16LittleEndian(b[(i * 2)..]),
        TensorDType.I8 => (sbyte)b[i],
        TensorDType.U8 => b[i],
        TensorDType.Bool => b[i] != 0 ? 1 : 0,
        _ => throw new InvalidOperationException($"tensor '{Name}' is {DType}, not an integer tensor"),
    };
}
