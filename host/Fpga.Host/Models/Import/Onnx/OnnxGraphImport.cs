using System.Collections.Immutable;
using Fpga.Host.Formats;
using Fpga.Host.Formats.Onnx;
using Fpga.Host.Formats.Onnx.Proto;
using DataType = Fpga.Host.Formats.Onnx.Proto.TensorProto.Types.DataType;

namespace Fpga.Host.Models.Import.Onnx;

/// <summary>
/// Walks an ONNX graph once, in its (topological) node order, folding constants, tracking the
/// shape-only subgraphs that build zero initial states, and following the data path from the
/// input through an optional embedding, the LSTM nodes and an optional dense layer. Every layout
/// operator on the data path is checked to keep the batch, time and feature axes apart.
/// </summary>
internal sealed partial class OnnxGraphImport
{
    /// <summary>Every operator the importer understands; any other node is rejected by name up front.</summary>
    public static IReadOnlySet<string> SupportedOperators { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "Constant", "Identity", "Cast", "Shape", "Gather", "Unsqueeze", "Squeeze", "Concat", "Expand", "ConstantOfShape",
        "Transpose", "Reshape", "Slice", "LSTM", "Gemm", "MatMul", "Add",
    };

    private readonly ModelProto _model;
    private readonly string _source;
    private readonly Dictionary<string, OnnxValue> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<int, OnnxAxisRole> _roles = new();
    private readonly List<LstmLayer> _layers = [];
    private EmbeddingLayer? _embedding;
    private float[]? _denseWeights;
    private float[]? _denseBias;
    private int _denseOutputs;
    private bool _denseAwaitsBias;
    private int _stage;
    private ImmutableArray<OnnxAxis> _inputAxes;

    public OnnxGraphImport(ModelProto model, string source)
    {
        _model = model;
        _source = source;
    }

    public long OpsetVersion { get; private set; }

    public OnnxImport Run()
    {
        var graph = _model.Graph;
        OpsetVersion = _model.OpsetImport.Where(o => o.Domain is "" or "ai.onnx").Select(o => o.Version).DefaultIfEmpty(0).Max();
        if (OpsetVersion == 0) throw FileErrors.File(_source, "the model imports no default-domain (ai.onnx) opset");
        foreach (var node in graph.Node)
        {
            if (node.Domain is not ("" or "ai.onnx") || !SupportedOperators.Contains(node.OpType))
                throw new OnnxNode(node, _source).Fail($"unsupported ONNX operator '{(node.Domain is "" or "ai.onnx" ? "" : node.Domain + ".")}{node.OpType}' "
                    + $"(supported: {string.Join(", ", SupportedOperators.Order(StringComparer.Ordinal))})");
        }

        var initializers = graph.Initializer.Select(t => OnnxTensors.ToTensorData(t, _source)).ToList();
        foreach (var tensor in initializers) _values[tensor.Name] = new OnnxConstant(tensor);
        var input = DeclareInput(graph);

        foreach (var proto in graph.Node)
        {
            var node = new OnnxNode(proto, _source);
            var outputs = Evaluate(node);
            for (int i = 0; i < outputs.Count && i < node.Outputs.Count; i++)
            {
                if (node.Outputs[i].Length > 0) _values[node.Outputs[i]] = outputs[i];
            }
        }
        return Finish(graph, input, initializers);
    }

    private ValueInfoProto DeclareInput(GraphProto graph)
    {
        var inputs = graph.Input.Where(i => !_values.ContainsKey(i.Name)).ToList();
        if (inputs.Count != 1)
            throw FileErrors.File(_source, inputs.Count == 0
                ? "the graph has no input"
                : $"the graph has several inputs ({string.Join(", ", inputs.Select(i => $"'{i.Name}'"))}); only one sequence input is supported (initial states must not be inputs)");
        var input = inputs[0];
        var type = input.Type?.TensorType ?? throw FileErrors.Tensor(_source, input.Name, "the graph input is not a tensor");
        if (type.Shape is null) throw FileErrors.Tensor(_source, input.Name, "the graph input declares no shape, so its batch, time and feature axes cannot be followed");
        int rank = type.Shape.Dim.Count;
        int DimSize(int a) => type.Shape.Dim[a].HasDimValue ? (int)type.Shape.Dim[a].DimValue : -1;
        var elem = (DataType)type.ElemType;
        bool tokens = elem is DataType.Int64 or DataType.Int32;
        if (!tokens && elem is not (DataType.Float or DataType.Double or DataType.Float16 or DataType.Bfloat16))
            throw FileErrors.Tensor(_source, input.Name, $"graph input of type {elem} is neither float features nor integer token ids");
        if (rank < (tokens ? 1 : 2)) throw FileErrors.Tensor(_source, input.Name, $"graph input of rank {rank} is too small for a sequence");
        var axes = Enumerable.Range(0, rank).Select(a => !tokens && a == rank - 1 ? OnnxAxis.Feature(DimSize(a)) : OnnxAxis.Input(a, DimSize(a)));
        _inputAxes = axes.ToImmutableArray();
        _values[input.Name] = new OnnxActivation(_inputAxes, 0, LastStepOnly: false, IsTokenIds: tokens);
        return input;
    }

    private IReadOnlyList<OnnxValue> Evaluate(OnnxNode node)
    {
        if (node.OpType == "Constant") return [new OnnxConstant(OnnxConstantFolding.Constant(node))];
        var inputs = new List<OnnxValue?>();
        for (int i = 0; i < node.Inputs.Count; i++)
        {
            string name = node.Inputs[i];
            if (name.Length == 0)
            {
                inputs.Add(null);
                continue;
            }
            if (!_values.TryGetValue(name, out var value))
                throw node.Fail($"input '{name}' is not produced by any earlier node, initializer or graph input (the graph must be topologically sorted)");
            if (value is OnnxUnusable unusable) throw node.Fail($"uses '{name}', but {unusable.Why}");
            inputs.Add(value);
        }
        if (node.OpType == "LSTM") return Lstm(node, inputs);
        if (inputs.OfType<OnnxActivation>().Any()) return [DataPath(node, inputs)];
        if (inputs.Any(v => v is OnnxZeros or OnnxShapeNumbers)) return [Symbolic(node, inputs)];
        return [Fold(node, inputs.Select(v => v is OnnxConstant c ? c.Tensor : null).ToList())];
    }

    private OnnxImport Finish(GraphProto graph, ValueInfoProto input, List<TensorData> initializers)
    {
        if (_layers.Count == 0) throw FileErrors.File(_source, "the graph has no LSTM node");
        var output = graph.Output.Select(o => (o.Name, Value: _values.GetValueOrDefault(o.Name) as OnnxActivation))
            .FirstOrDefault(o => o.Value is not null && o.Value.Stage == _stage);
        if (output.Value is null)
            throw FileErrors.File(_source, $"no graph output ({string.Join(", ", graph.Output.Select(o => $"'{o.Name}'"))}) carries the result of the last layer");

        var dense = _denseWeights is null ? null : new DenseLayer(_denseOutputs, _layers[^1].HiddenSize, _denseWeights, _denseBias ?? new float[_denseOutputs]);
        var model = new LstmModel(_layers, _embedding, dense);
        var layout = _inputAxes.Select(a => a.Kind == OnnxAxisKind.Feature ? "features" : _roles.TryGetValue(a.Id, out var role) ? role == OnnxAxisRole.Time ? "steps" : "batch" : "?");
        var info = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["producer"] = $"{_model.ProducerName} {_model.ProducerVersion}".Trim(),
            ["ir_version"] = _model.IrVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["opset"] = OpsetVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var entry in _model.MetadataProps) info[entry.Key] = entry.Value;
        return new OnnxImport(model, input.Name, string.Join(" x ", layout), output.Name, output.Value.LastStepOnly,
            new TensorArchive(_source, initializers, info));
    }

    private long[]? IntsInputOrAttribute(OnnxNode node, IReadOnlyList<OnnxValue?> inputs, int index, string attribute)
    {
        if (index < inputs.Count && inputs[index] is { } value)
        {
            if (value is not OnnxConstant constant) throw node.Fail($"input '{node.Input(index)}' ({attribute}) must be a constant");
            return OnnxConstantFolding.Integers(node, constant.Tensor);
        }
        return node.Ints(attribute);
    }

    private OnnxSliceRanges SliceRanges(OnnxNode node, IReadOnlyList<OnnxValue?> inputs)
    {
        var starts = IntsInputOrAttribute(node, inputs, 1, "starts") ?? throw node.Fail("Slice has no starts");
        var ends = IntsInputOrAttribute(node, inputs, 2, "ends") ?? throw node.Fail("Slice has no ends");
        return new OnnxSliceRanges(starts, ends, IntsInputOrAttribute(node, inputs, 3, "axes"), IntsInputOrAttribute(node, inputs, 4, "steps"));
    }
}
