using Fpga.Host.Diagnostics;
using Fpga.Host.Formats;
using Fpga.Host.Formats.Onnx;
using Fpga.Host.Formats.Onnx.Proto;
using AttributeType = Fpga.Host.Formats.Onnx.Proto.AttributeProto.Types.AttributeType;

namespace Fpga.Host.Models.Import.Onnx;

/// <summary>A graph node with typed attribute access and errors that name the file, node and tensor.</summary>
internal sealed class OnnxNode(NodeProto proto, string source)
{
    public NodeProto Proto => proto;
    public string OpType => proto.OpType;
    public string Name => string.IsNullOrEmpty(proto.Name) ? Output(0) : proto.Name;
    public IReadOnlyList<string> Inputs => proto.Input;
    public IReadOnlyList<string> Outputs => proto.Output;

    public string Output(int index) => index < proto.Output.Count ? proto.Output[index] : "";

    /// <summary>The input's name, or "" when it is absent or an omitted optional input.</summary>
    public string Input(int index) => index < proto.Input.Count ? proto.Input[index] : "";

    public FpgaException Fail(string problem) =>
        FileErrors.Tensor(source, Output(0), $"node '{Name}' ({OpType}): {problem}");

    public bool Has(string attribute) => proto.Attribute.Any(a => a.Name == attribute);

    public long Int(string name, long fallback) => Find(name, AttributeType.Int) is { } a ? a.I : fallback;

    public float Float(string name, float fallback) => Find(name, AttributeType.Float) is { } a ? a.F : fallback;

    public string? String(string name) => Find(name, AttributeType.String)?.S.ToStringUtf8();

    public long[]? Ints(string name) => Find(name, AttributeType.Ints)?.Ints.ToArray();

    public string[]? Strings(string name) => Find(name, AttributeType.Strings)?.Strings.Select(s => s.ToStringUtf8()).ToArray();

    public TensorData? Tensor(string name) => Find(name, AttributeType.Tensor) is { } a ? OnnxTensors.ToTensorData(a.T, source, Output(0)) : null;

    private AttributeProto? Find(string name, AttributeType type)
    {
        var attribute = proto.Attribute.FirstOrDefault(a => a.Name == name);
        if (attribute is null) return null;
        // Old exporters leave the type unset; the schema then implies it from which field is filled.
        if (attribute.HasType && attribute.Type != type)
            throw Fail($"attribute '{name}' is {attribute.Type}, expected {type}");
        return attribute;
    }
}
