using System.Buffers.Binary;
using System.Globalization;
using Fpga.Host.Formats;
using Fpga.Host.Formats.Safetensors;
using static Fpga.Host.Quantization.QuantizedModelFormat;

namespace Fpga.Host.Quantization;

/// <summary>Writes <see cref="QuantizedModel"/>s in the <see cref="QuantizedModelFormat"/> layout.</summary>
public static class QuantizedModelWriter
{
    public static void Write(string path, QuantizedModel model) => SafetensorsWriter.Write(path, ToArchive(model, path));

    public static TensorArchive ToArchive(QuantizedModel model, string source = "quantized model")
    {
        var tensors = new List<TensorData>();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [FormatKey] = FormatName,
            [VersionKey] = Text(CurrentVersion),
            [GateOrderKey] = QuantizedModel.GateOrder.Name,
            [LayersKey] = Text(model.Layers.Count),
            [HasEmbeddingKey] = model.Embedding is null ? "false" : "true",
            [HasDenseKey] = model.Dense is null ? "false" : "true",
        };
        if (model.Embedding is { } embedding)
            tensors.Add(TensorData.FromFloat32(EmbeddingTensor, [embedding.VocabularySize, embedding.Dimension], embedding.Weights));
        for (int l = 0; l < model.Layers.Count; l++)
        {
            var layer = model.Layers[l];
            AddMatrix(tensors, metadata, WeightIh(l), layer.WeightIh);
            AddMatrix(tensors, metadata, WeightHh(l), layer.WeightHh);
            tensors.Add(TensorData.FromFloat32(BiasIh(l), [layer.BiasIh.Length], layer.BiasIh));
            tensors.Add(TensorData.FromFloat32(BiasHh(l), [layer.BiasHh.Length], layer.BiasHh));
            AddActivation(metadata, Layer(l), layer.Activations);
        }
        if (model.Dense is { } dense)
        {
            AddMatrix(tensors, metadata, DenseWeight, dense.Weights);
            tensors.Add(TensorData.FromFloat32(DenseBias, [dense.Bias.Length], dense.Bias));
            AddActivation(metadata, DenseLayerName, dense.Activations);
        }
        return new TensorArchive(source, tensors, metadata);
    }

    private static void AddMatrix(List<TensorData> tensors, Dictionary<string, string> metadata, string name, QuantizedTensor matrix)
    {
        var planes = new byte[matrix.Planes.Length * sizeof(ulong)];
        for (int i = 0; i < matrix.Planes.Length; i++) BinaryPrimitives.WriteUInt64LittleEndian(planes.AsSpan(i * 8), matrix.Planes[i]);
        tensors.Add(new TensorData(Planes(name), TensorDType.U8, [matrix.Rows, matrix.Codes, matrix.WordsPerRow * 8], planes));
        tensors.Add(TensorData.FromFloat32(Coefficients(name), [matrix.Rows, matrix.Codes], matrix.Coefficients));
        tensors.Add(TensorData.FromFloat32(Offsets(name), [matrix.Rows], matrix.Offsets));
        metadata[Method(name)] = matrix.Method.ToString();
        metadata[Bits(name)] = Text(matrix.Codes);
        metadata[Cols(name)] = Text(matrix.Cols);
    }

    private static void AddActivation(Dictionary<string, string> metadata, string layer, ActivationQuantization activations)
    {
        metadata[ActivationMethod(layer)] = activations.Method.ToString();
        metadata[ActivationBits(layer)] = Text(activations.Bits);
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
