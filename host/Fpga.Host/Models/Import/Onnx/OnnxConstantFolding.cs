using Fpga.Host.Formats;
using DataType = Fpga.Host.Formats.Onnx.Proto.TensorProto.Types.DataType;

namespace Fpga.Host.Models.Import.Onnx;

/// <summary>
/// Evaluates the shape-manipulating operators on constant inputs, so that graphs exported
/// without constant folding still reduce to initializers the importer can read.
/// </summary>
internal static class OnnxConstantFolding
{
    public static TensorData Constant(OnnxNode node)
    {
        string name = node.Output(0);
        if (node.Tensor("value") is { } tensor) return tensor.WithName(name);
        if (node.Has("value_float")) return TensorData.FromFloat32(name, [], [node.Float("value_float", 0)]);
        if (node.Has("value_int")) return TensorData.FromInt64(name, [], [node.Int("value_int", 0)]);
        if (node.Ints("value_ints") is { } ints) return TensorData.FromInt64(name, [ints.Length], ints);
        if (node.Proto.Attribute.FirstOrDefault(a => a.Name == "value_floats") is { } floats)
            return TensorData.FromFloat32(name, [floats.Floats.Count], floats.Floats.ToArray());
        throw node.Fail("only tensor, float and int constants are supported (no sparse or string values)");
    }

    public static TensorData Cast(OnnxNode node, TensorData input)
    {
        var to = (DataType)node.Int("to", 0);
        return to switch
        {
            DataType.Float or DataType.Double or DataType.Float16 or DataType.Bfloat16 => TensorData.FromFloat32(node.Output(0), input.Shape, input.ToFloat32()),
            DataType.Int64 or DataType.Int32 or DataType.Int16 or DataType.Int8 or DataType.Uint8 => TensorData.FromInt64(node.Output(0), input.Shape, Integers(node, input)),
            _ => throw node.Fail($"Cast to {to} is not supported"),
        };
    }

    public static TensorData Shape(OnnxNode node, IReadOnlyList<int> shape)
    {
        int rank = shape.Count;
        int start = Clamp(node.Int("start", 0), rank);
        int end = Clamp(node.Int("end", rank), rank);
        var dims = shape.Skip(start).Take(Math.Max(0, end - start)).Select(d => (long)d).ToArray();
        return TensorData.FromInt64(node.Output(0), [dims.Length], dims);
    }

    public static TensorData Reshape(OnnxNode node, TensorData input, long[] target)
    {
        bool allowZero = node.Int("allowzero", 0) != 0;
        var dims = new int[target.Length];
        int inferred = -1;
        for (int i = 0; i < target.Length; i++)
        {
            if (target[i] == 0 && !allowZero)
            {
                if (i >= input.Rank) throw node.Fail($"shape entry {i} copies a dimension the {input.ShapeText} input does not have");
                dims[i] = input.Shape[i];
            }
            else if (target[i] == -1)
            {
                if (inferred >= 0) throw node.Fail("shape has more than one -1");
                inferred = i;
            }
            else if (target[i] < 0 || target[i] > int.MaxValue) throw node.Fail($"invalid shape entry {target[i]}");
            else dims[i] = (int)target[i];
        }
        if (inferred >= 0)
        {
            long known = dims.Where((_, i) => i != inferred).Aggregate(1L, (a, d) => a * d);
            if (known == 0 || input.ElementCount % known != 0) throw node.Fail($"cannot reshape {input.ShapeText} to [{string.Join(", ", target)}]");
            dims[inferred] = (int)(input.ElementCount / known);
        }
        if (TensorShape.ElementCount(dims) != input.ElementCount) throw node.Fail($"cannot reshape {input.ShapeText} to [{string.Join(", ", target)}]");
        return Renamed(node, input).WithShape(dims);
    }

    public static TensorData Squeeze(OnnxNode node, TensorData input, long[]? axes)
    {
        var remove = axes is null
            ? Enumerable.Range(0, input.Rank).Where(a => input.Shape[a] == 1).ToHashSet()
            : axes.Select(a => OnnxAxes.Normalize(node, a, input.Rank)).ToHashSet();
        if (remove.Any(a => input.Shape[a] != 1)) throw node.Fail($"squeezes an axis of {input.ShapeText} that is not of size 1");
        return Renamed(node, input).WithShape(input.Shape.Where((_, a) => !remove.Contains(a)).ToArray());
    }

    public static TensorData Unsqueeze(OnnxNode node, TensorData input, long[] axes)
    {
        return Renamed(node, input).WithShape(OnnxAxes.Unsqueeze(node, input.Shape.ToList(), axes, 1));
    }

    public static TensorData Transpose(OnnxNode node, TensorData input)
    {
        var perm = OnnxAxes.Permutation(node, input.Rank);
        var bytes = TensorShape.Transpose(input.Bytes, input.Shape, perm, input.DType.ElementSize());
        return new TensorData(node.Output(0), input.DType, perm.Select(p => input.Shape[p]).ToArray(), bytes);
    }

    public static TensorData Concat(OnnxNode node, IReadOnlyList<TensorData> inputs)
    {
        var common = inputs.All(t => t.DType.IsInteger())
            ? inputs.Select(t => TensorData.FromInt64(t.Name, t.Shape, t.ToInt64())).ToList()
            : inputs.Select(t => TensorData.FromFloat32(t.Name, t.Shape, t.ToFloat32())).ToList();
        int rank = common[0].Rank;
        int axis = OnnxAxes.Normalize(node, node.Int("axis", 0), rank);
        if (common.Any(t => t.Rank != rank || Enumerable.Range(0, rank).Any(a => a != axis && t.Shape[a] != common[0].Shape[a])))
            throw node.Fail($"cannot concatenate {string.Join(", ", inputs.Select(t => t.ShapeText))} on axis {axis}");
        int size = common[0].DType.ElementSize();
        long outer = common[0].Shape.Take(axis).Aggregate(1L, (a, d) => a * d);
        var shape = common[0].Shape.ToArray();
        shape[axis] = common.Sum(t => t.Shape[axis]);
        var result = new MemoryStream();
        for (long o = 0; o < outer; o++)
        {
            foreach (var t in common)
            {
                int block = (int)(t.ElementCount / Math.Max(1, outer)) * size;
                result.Write(t.Bytes, (int)(o * block), block);
            }
        }
        return new TensorData(node.Output(0), common[0].DType, shape, result.ToArray());
    }

    public static TensorData Gather(OnnxNode node, TensorData data, TensorData indices)
    {
        if (!indices.DType.IsInteger()) throw node.Fail("Gather indices must be integers");
        int axis = OnnxAxes.Normalize(node, node.Int("axis", 0), data.Rank);
        int size = data.DType.ElementSize();
        int extent = data.Shape[axis];
        long outer = data.Shape.Take(axis).Aggregate(1L, (a, d) => a * d);
        int inner = (int)data.Shape.Skip(axis + 1).Aggregate(1L, (a, d) => a * d) * size;
        var picks = indices.ToInt64().Select(i => i < 0 ? i + extent : i).ToArray();
        if (picks.Any(i => i < 0 || i >= extent)) throw node.Fail($"Gather index out of range for axis {axis} of {data.ShapeText}");
        var result = new MemoryStream();
        for (long o = 0; o < outer; o++)
        {
            foreach (long i in picks) result.Write(data.Bytes, (int)((o * extent + i) * inner), inner);
        }
        var shape = data.Shape.Take(axis).Concat(indices.Shape).Concat(data.Shape.Skip(axis + 1)).ToArray();
        return new TensorData(node.Output(0), data.DType, shape, result.ToArray());
    }

    public static TensorData Slice(OnnxNode node, TensorData data, OnnxSliceRanges ranges)
    {
        var starts = new long[data.Rank];
        var steps = Enumerable.Repeat(1L, data.Rank).ToArray();
        var shape = data.Shape.ToArray();
        foreach (var range in ranges.Resolve(node, data.Shape))
        {
            starts[range.Axis] = range.Start;
            steps[range.Axis] = range.Step;
            shape[range.Axis] = range.Count;
        }
        var strides = TensorShape.Strides(data.Shape);
        int size = data.DType.ElementSize();
        long count = TensorShape.ElementCount(shape);
        var result = new byte[count * size];
        var index = new long[data.Rank];
        for (long flat = 0; flat < count; flat++)
        {
            long source = 0;
            for (int a = 0; a < data.Rank; a++) source += (starts[a] + index[a] * steps[a]) * strides[a];
            Buffer.BlockCopy(data.Bytes, (int)(source * size), result, (int)(flat * size), size);
            for (int a = data.Rank - 1; a >= 0; a--)
            {
                if (++index[a] < shape[a]) break;
                index[a] = 0;
            }
        }
        return new TensorData(node.Output(0), data.DType, shape, result);
    }

    /// <summary>Element-wise sum of equal shapes or with a one-element operand; the only arithmetic constants need here.</summary>
    public static TensorData Add(OnnxNode node, TensorData a, TensorData b)
    {
        bool integer = a.DType.IsInteger() && b.DType.IsInteger();
        var (big, small) = a.ElementCount >= b.ElementCount ? (a, b) : (b, a);
        if (!TensorShape.SameAs(a.Shape, b.Shape) && small.ElementCount != 1)
            throw node.Fail($"adding constants of shapes {a.ShapeText} and {b.ShapeText} is not supported");
        if (integer)
        {
            var x = big.ToInt64();
            var y = small.ToInt64();
            return TensorData.FromInt64(node.Output(0), big.Shape, x.Select((v, i) => v + y[y.Length == 1 ? 0 : i]).ToArray());
        }
        var f = big.ToFloat32();
        var g = small.ToFloat32();
        return TensorData.FromFloat32(node.Output(0), big.Shape, f.Select((v, i) => v + g[g.Length == 1 ? 0 : i]).ToArray());
    }

    public static TensorData ConstantOfShape(OnnxNode node, TensorData shapeTensor)
    {
        var shape = Integers(node, shapeTensor).Select(d => d is < 0 or > int.MaxValue ? throw node.Fail($"invalid dimension {d}") : (int)d).ToArray();
        var value = FillValue(node);
        long count = TensorShape.ElementCount(shape);
        if (count < 0) throw node.Fail("shape is too large");
        var bytes = new byte[count * value.Bytes.Length];
        for (long i = 0; i < count; i++) value.Bytes.CopyTo(bytes, i * value.Bytes.Length);
        return new TensorData(node.Output(0), value.DType, shape, bytes);
    }

    /// <summary>ConstantOfShape's fill value: a one-element tensor attribute, float 0 by default.</summary>
    public static TensorData FillValue(OnnxNode node)
    {
        var value = node.Tensor("value") ?? TensorData.FromFloat32("value", [1], [0f]);
        if (value.ElementCount != 1) throw node.Fail("the value attribute must hold exactly one element");
        return value;
    }

    public static bool IsAllZero(TensorData tensor) => tensor.Bytes.All(b => b == 0) || tensor.ToFloat32().All(v => v == 0);

    public static long[] Integers(OnnxNode node, TensorData tensor) =>
        tensor.DType.IsInteger() ? tensor.ToInt64() : throw node.Fail($"expected an integer tensor, got {tensor.DType} '{tensor.Name}'");

    private static TensorData Renamed(OnnxNode node, TensorData input) => input.WithName(node.Output(0));

    private static int Clamp(long index, int rank) => (int)Math.Clamp(index < 0 ? index + rank : index, 0, rank);
}
