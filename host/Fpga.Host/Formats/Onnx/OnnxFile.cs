using Fpga.Host.Formats.Onnx.Proto;
using Google.Protobuf;

namespace Fpga.Host.Formats.Onnx;

/// <summary>Parses ONNX model files (protobuf ModelProto) into the generated schema classes.</summary>
internal static class OnnxFile
{
    public static ModelProto Read(string path) => Parse(FileInput.ReadAllBytes(path), path);

    public static ModelProto Parse(byte[] bytes, string source)
    {
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw FileErrors.File(source, $"not a readable ONNX model (truncated or corrupted protobuf: {e.Message})", e);
        }
        if (model.Graph is null || (model.Graph.Node.Count == 0 && model.Graph.Input.Count == 0))
            throw FileErrors.File(source, "not an ONNX model: it has no graph");
        return model;
    }

    public static byte[] Serialize(ModelProto model) => model.ToByteArray();
}
