using Fpga.Host.Formats;
using Fpga.Host.Models.Import;
using Fpga.Host.Quantization;

namespace Fpga.Host.Models;

/// <summary>
/// A model file as read: exactly one of <see cref="FloatModel"/> and <see cref="QuantizedModel"/>,
/// the raw tensors (ONNX initializers for ONNX) with the file's metadata, and how the names were read.
/// </summary>
/// <param name="Convention">"PyTorch state dict", "Keras weights", "ONNX graph" or "quantized LSTM".</param>
/// <param name="Onnx">What the ONNX graph says about its input and output, for ONNX files.</param>
public sealed record ModelFile(
    string Path,
    ModelFileFormat Format,
    string Convention,
    LstmModel? FloatModel,
    QuantizedModel? QuantizedModel,
    TensorArchive Tensors,
    OnnxImport? Onnx);
