using DataType = Fpga.Host.Formats.Onnx.Proto.TensorProto.Types.DataType;

namespace Fpga.Host.Models.Import.Onnx;

internal sealed partial class OnnxGraphImport
{
    /// <summary>A node on the data path: a layout change, the embedding lookup, or a dense layer.</summary>
    private OnnxValue DataPath(OnnxNode node, IReadOnlyList<OnnxValue?> inputs)
    {
        if (node.OpType == "Gather" && inputs[0] is OnnxConstant table && inputs.Count > 1 && inputs[1] is OnnxActivation ids) return Embedding(node, table.Tensor, ids);
        if (node.OpType is "Gemm" or "MatMul" or "Add") return Dense(node, inputs);
        if (inputs[0] is not OnnxActivation a)
            throw node.Fail($"uses the data path as a parameter ('{node.Inputs.First(n => n.Length > 0 && _values[n] is OnnxActivation)}'), which is not supported");
        if (inputs.Skip(1).OfType<OnnxActivation>().Any()) throw node.Fail("combines the data path with itself, which is not supported");
        return node.OpType switch
        {
            "Identity" => a,
            "Cast" => Cast(node, a),
            "Shape" => OnnxShapeNumbers.Instance,
            "Transpose" => a.WithAxes(OnnxAxes.Permutation(node, a.Rank).Select(p => a.Axes[p])),
            "Squeeze" => Squeeze(node, a, IntsInputOrAttribute(node, inputs, 1, "axes")),
            "Unsqueeze" => a.WithAxes(OnnxAxes.Unsqueeze(node, a.Axes.ToList(), IntsInputOrAttribute(node, inputs, 1, "axes") ?? throw node.Fail("Unsqueeze has no axes"), OnnxAxis.Unit)),
            "Reshape" => Reshape(node, a, IntsInputOrAttribute(node, inputs, 1, "shape") ?? throw node.Fail("Reshape has no shape")),
            "Slice" => Slice(node, a, SliceRanges(node, inputs)),
            "Gather" => SelectStep(node, a, inputs.Count > 1 && inputs[1] is OnnxConstant i ? i.Tensor : throw node.Fail("Gather indices on the data path must be constant")),
            _ => throw node.Fail($"{node.OpType} on the data path is not supported"),
        };
    }

    private static OnnxActivation Cast(OnnxNode node, OnnxActivation a)
    {
        var to = (DataType)node.Int("to", 0);
        bool toFloat = to is DataType.Float or DataType.Double or DataType.Float16 or DataType.Bfloat16;
        bool toInteger = to is DataType.Int64 or DataType.Int32;
        if (a.IsTokenIds ? !toInteger : !toFloat) throw node.Fail($"casts the {(a.IsTokenIds ? "token ids" : "activations")} to {to}, which would change their values");
        return a;
    }

    private OnnxActivation Squeeze(OnnxNode node, OnnxActivation a, long[]? axes)
    {
        if (axes is null) throw node.Fail("Squeeze without axes on the data path would also drop a batch or time axis of size 1; export with explicit axes");
        var remove = axes.Select(x => OnnxAxes.Normalize(node, x, a.Rank)).ToHashSet();
        foreach (int axis in remove)
        {
            var item = a.Axes[axis];
            if (item.Kind == OnnxAxisKind.Unit || (item.Kind == OnnxAxisKind.Input && item.Size == 1 && Role(item) != OnnxAxisRole.Time)) continue;
            throw node.Fail($"squeezes axis {axis}, the {Describe(item)}, which is not of size 1");
        }
        return a.WithAxes(a.Axes.Where((_, i) => !remove.Contains(i)));
    }

    /// <summary>
    /// Reshapes that only add or drop size-1 axes, copy axes (0 entries), or flatten all batch and
    /// time axes into one (-1), always keeping the feature axis last and whole.
    /// </summary>
    private OnnxActivation Reshape(OnnxNode node, OnnxActivation a, long[] shape)
    {
        string text = $"[{string.Join(", ", shape)}]";
        if (a.IsTokenIds) throw node.Fail($"reshapes the token ids to {text}, which is not supported");
        if (shape.Length == 0 || a.Axes[^1].Kind != OnnxAxisKind.Feature) throw node.Fail($"Reshape to {text} must keep the feature axis last");
        bool allowZero = node.Int("allowzero", 0) != 0;
        var feature = a.Axes[^1];
        long last = shape[^1];
        bool keepsFeature = (last == 0 && !allowZero && shape.Length == a.Rank) || (last > 0 && (last == feature.Size || feature.Size < 0));
        if (!keepsFeature) throw node.Fail($"Reshape to {text} splits or merges the feature axis of size {feature.Size}");

        // null marks the -1 entry, which flattens every batch and time axis of the input.
        var leading = new List<OnnxAxis?>();
        for (int i = 0; i < shape.Length - 1; i++)
        {
            long entry = shape[i];
            if (entry == 1) leading.Add(OnnxAxis.Unit);
            else if (entry == 0 && !allowZero && i < a.Rank - 1) leading.Add(a.Axes[i]);
            else if (entry == -1) leading.Add(null);
            else throw node.Fail($"Reshape to {text} sets a batch or time axis to the fixed size {entry}, which the importer cannot follow");
        }
        var inputRuntime = a.Axes.Take(a.Rank - 1).Where(x => !x.IsSizeOne).ToList();
        var copied = leading.OfType<OnnxAxis>().Where(x => !x.IsSizeOne).ToList();
        int minusOnes = leading.Count(x => x is null);
        if (minusOnes == 0 && !copied.SequenceEqual(inputRuntime))
            throw node.Fail($"Reshape to {text} reorders or drops batch or time axes");
        if (minusOnes > 1 || (minusOnes == 1 && copied.Count > 0))
            throw node.Fail($"Reshape to {text} mixes copied and flattened axes, which the importer cannot follow");
        var flattened = inputRuntime.Count switch
        {
            0 => OnnxAxis.Unit,
            1 => inputRuntime[0],
            _ => new OnnxAxis(OnnxAxisKind.Merged, -1, -1),
        };
        var axes = leading.Select(x => x ?? flattened).ToList();
        axes.Add(feature.Size < 0 && last > 0 ? OnnxAxis.Feature((int)last) : feature);
        return a.WithAxes(axes);
    }

    private OnnxActivation Slice(OnnxNode node, OnnxActivation a, OnnxSliceRanges ranges)
    {
        ranges.Validate(node);
        var axes = a.Axes.ToList();
        bool lastStep = a.LastStepOnly;
        for (int i = 0; i < ranges.Starts.Length; i++)
        {
            int axis = OnnxAxes.Normalize(node, ranges.Axes?[i] ?? i, a.Rank);
            long start = ranges.Starts[i], end = ranges.Ends[i], step = ranges.Steps?[i] ?? 1;
            var item = a.Axes[axis];
            bool everything = step == 1 && start == 0 && end >= (item.Size > 0 ? item.Size : int.MaxValue);
            if (everything) continue;
            if (item.Kind == OnnxAxisKind.Feature) throw node.Fail($"slices the feature axis [{start}:{end}:{step}], which is not supported");
            if (item.Kind == OnnxAxisKind.Input && Role(item) == OnnxAxisRole.Time && step == 1 && start == -1 && end >= int.MaxValue)
            {
                axes[axis] = OnnxAxis.Unit;
                lastStep = true;
                continue;
            }
            throw node.Fail($"slices [{start}:{end}:{step}] of the {Describe(item)}; only whole axes or the last time step ([-1:]) are supported");
        }
        return a with { Axes = [.. axes], LastStepOnly = lastStep };
    }

    /// <summary>Gather of a constant index on the data path: dropping a size-1 axis, or keeping only the last time step.</summary>
    private OnnxActivation SelectStep(OnnxNode node, OnnxActivation a, Formats.TensorData indices)
    {
        int axis = OnnxAxes.Normalize(node, node.Int("axis", 0), a.Rank);
        var item = a.Axes[axis];
        var values = OnnxConstantFolding.Integers(node, indices);
        bool scalar = indices.Rank == 0;
        if (values.Length != 1 || indices.Rank > 1) throw node.Fail($"selects several entries of the {Describe(item)}, which is not supported");
        long index = values[0];
        bool lastStep = a.LastStepOnly;
        if (item.IsSizeOne && index is 0 or -1) { }
        else if (item.Kind == OnnxAxisKind.Input && Role(item) == OnnxAxisRole.Time && index == -1) lastStep = true;
        else throw node.Fail($"selects entry {index} of the {Describe(item)}; only the last time step (-1) or a size-1 axis can be selected");
        var axes = a.Axes.ToList();
        if (scalar) axes.RemoveAt(axis);
        else axes[axis] = OnnxAxis.Unit;
        return a with { Axes = [.. axes], LastStepOnly = lastStep };
    }

    private OnnxAxisRole? Role(OnnxAxis axis) => axis.Kind == OnnxAxisKind.Input && _roles.TryGetValue(axis.Id, out var role) ? role : null;

    private string Describe(OnnxAxis axis) => axis.Kind switch
    {
        OnnxAxisKind.Feature => "feature axis",
        OnnxAxisKind.Unit => "size-1 axis",
        OnnxAxisKind.Merged => "flattened batch/time axis",
        _ => Role(axis) switch
        {
            OnnxAxisRole.Time => "time axis",
            OnnxAxisRole.Batch => "batch axis",
            _ => $"input axis {axis.Id}",
        },
    };
}
