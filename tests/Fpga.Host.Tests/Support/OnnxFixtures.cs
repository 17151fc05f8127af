using Fpga.Host.Formats;
using Fpga.Host.Formats.Onnx;
using Fpga.Host.Formats.Onnx.Proto;
using Google.Protobuf;

namespace Fpga.Host.Tests.Support;

/// <summary>Loads an exported ONNX fixture for a test to alter, and writes the altered model back out.</summary>
internal static class OnnxFixtures
{
    public static ModelProto Load(string name) => OnnxFile.Read(Fixtures.Path(name));

    public static string Save(ModelProto model, TempDirectory dir, string name)
    {
        string path = dir.File(name);
        File.WriteAllBytes(path, model.ToByteArray());
        return path;
    }

    public static NodeProto Node(ModelProto model, string opType) => model.Graph.Node.First(n => n.OpType == opType);

    public static TensorProto Initializer(ModelProto model, string name) => model.Graph.Initializer.First(t => t.Name == name);

    public static void Replace(ModelProto model, TensorData tensor)
    {
        var index = model.Graph.Initializer.ToList().FindIndex(t => t.Name == tensor.Name);
        model.Graph.Initializer[index] = OnnxTensors.FromTensorData(tensor);
    }

    public static AttributeProto Strings(string name, params string[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Strings };
        attribute.Strings.AddRange(values.Select(ByteString.CopyFromUtf8));
        return attribute;
    }
}
