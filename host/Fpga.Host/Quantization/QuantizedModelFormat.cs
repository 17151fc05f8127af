using System.Globalization;

namespace Fpga.Host.Quantization;

/// <summary>
/// The quantized model file: a safetensors file whose __metadata__ carries
/// <c>format</c> = <see cref="FormatName"/>, <c>format_version</c>, <c>gate_order</c> (i,f,g,o),
/// <c>layers</c>, <c>has_embedding</c>, <c>has_dense</c>, and per quantized matrix M
/// (<c>lstm.N.weight_ih</c>, <c>lstm.N.weight_hh</c>, <c>dense.weight</c>) <c>M.method</c>,
/// <c>M.bits</c> and <c>M.cols</c>, and per layer L (<c>lstm.N</c>, <c>dense</c>)
/// <c>L.activation.method</c> and <c>L.activation.bits</c>.
/// Tensors: <c>M.planes</c> U8 [rows, bits, 8 * words per row] (the 64-bit plane words as
/// little-endian bytes, so column c is bit c % 8 of byte c / 8, as numpy.packbits(bitorder="little")),
/// <c>M.coefficients</c> F32 [rows, bits], <c>M.offsets</c> F32 [rows]; <c>lstm.N.bias_ih</c>,
/// <c>lstm.N.bias_hh</c> F32 [4H]; <c>dense.bias</c> F32 [O]; <c>embedding.weight</c> F32 [vocab, E].
/// </summary>
public static class QuantizedModelFormat
{
    public const string FormatName = "fpga-quantized-lstm";
    public const int CurrentVersion = 1;

    public const string FormatKey = "format";
    public const string VersionKey = "format_version";
    public const string GateOrderKey = "gate_order";
    public const string LayersKey = "layers";
    public const string HasEmbeddingKey = "has_embedding";
    public const string HasDenseKey = "has_dense";
    public const string EmbeddingTensor = "embedding.weight";
    public const string DenseWeight = "dense.weight";
    public const string DenseBias = "dense.bias";
    public const string DenseLayerName = "dense";

    public static string Layer(int index) => "lstm." + index.ToString(CultureInfo.InvariantCulture);

    public static string WeightIh(int layer) => Layer(layer) + ".weight_ih";

    public static string WeightHh(int layer) => Layer(layer) + ".weight_hh";

    public static string BiasIh(int layer) => Layer(layer) + ".bias_ih";

    public static string BiasHh(int layer) => Layer(layer) + ".bias_hh";

    public static string Planes(string matrix) => matrix + ".planes";

    public static string Coefficients(string matrix) => matrix + ".coefficients";

    public static string Offsets(string matrix) => matrix + ".offsets";

    public static string Method(string matrix) => matrix + ".method";

    public static string Bits(string matrix) => matrix + ".bits";

    public static string Cols(string matrix) => matrix + ".cols";

    public static string ActivationMethod(string layer) => layer + ".activation.method";

    public static string ActivationBits(string layer) => layer + ".activation.bits";
}
