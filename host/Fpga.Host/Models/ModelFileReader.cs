using Fpga.Host.Formats;
using Fpga.Host.Formats.Numpy;
using Fpga.Host.Formats.Safetensors;
using Fpga.Host.Models.Import;
using Fpga.Host.Quantization;

namespace Fpga.Host.Models;

/// <summary>
/// Opens any model file: float safetensors or npz (PyTorch or Keras names), ONNX, or a quantized
/// model file. The format comes from the extension (.safetensors, .npz, .onnx), or from the
/// content when the extension is none of these.
/// </summary>
public static class ModelFileReader
{
    public static ModelFile Read(string path)
    {
        var bytes = FileInput.ReadAllBytes(path);
        var format = Detect(path, bytes);
        if (format == ModelFileFormat.Onnx)
        {
            var import = OnnxLstmImporter.Import(bytes, path);
            return new ModelFile(path, format, "ONNX graph", import.Model, null, import.Initializers, import);
        }

        var archive = format == ModelFileFormat.Npz ? NpzReader.Parse(bytes, path) : SafetensorsReader.Parse(bytes, path);
        if (QuantizedModelReader.IsQuantizedModel(archive))
            return new ModelFile(path, format, "quantized LSTM", null, QuantizedModelReader.FromArchive(archive), archive, null);
        if (PyTorchStateDictImporter.Recognizes(archive))
            return new ModelFile(path, format, "PyTorch state dict", PyTorchStateDictImporter.Import(archive), null, archive, null);
        if (KerasWeightsImporter.Recognizes(archive))
            return new ModelFile(path, format, "Keras weights", KerasWeightsImporter.Import(archive), null, archive, null);
        throw FileErrors.File(path, "no LSTM recognized: expected PyTorch names ('weight_ih_l0', ...), Keras names ('.../recurrent_kernel'), "
            + $"or a quantized model file (metadata format '{QuantizedModelFormat.FormatName}')");
    }

    public static ModelFileFormat Detect(string path, ReadOnlySpan<byte> bytes)
    {
        switch (Path.GetExtension(path).ToLowerInvariant())
        {
            case ".safetensors": return ModelFileFormat.Safetensors;
            case ".npz": return ModelFileFormat.Npz;
            case ".onnx": return ModelFileFormat.Onnx;
        }
        if (bytes.StartsWith("PK\u0003\u0004"u8)) return ModelFileFormat.Npz;
        // A safetensors header is a JSON object right after its 8-byte length.
        if (bytes.Length > 9 && bytes[8] == (byte)'{' && System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes) < (ulong)bytes.Length) return ModelFileFormat.Safetensors;
        return ModelFileFormat.Onnx;
    }
}
