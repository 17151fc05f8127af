using Fpga.Host.Formats.Onnx;
using Fpga.Host.Models.Import.Onnx;

namespace Fpga.Host.Models.Import;

/// <summary>
/// Imports LSTM models from ONNX: the standard LSTM operator (forward, default activations, zero
/// initial states) and the nodes exporters put around it (Constant, Shape, Gather, Unsqueeze,
/// Concat, Expand, ConstantOfShape, Squeeze, Transpose, Reshape, Slice, Identity, Cast), a Gather
/// embedding and a Gemm or MatMul+Add dense layer. Any other operator is rejected by name.
/// </summary>
public static class OnnxLstmImporter
{
    public static IReadOnlySet<string> SupportedOperators => OnnxGraphImport.SupportedOperators;

    public static OnnxImport Import(string path) => new OnnxGraphImport(OnnxFile.Read(path), path).Run();

    public static OnnxImport Import(byte[] bytes, string source) => new OnnxGraphImport(OnnxFile.Parse(bytes, source), source).Run();
}
