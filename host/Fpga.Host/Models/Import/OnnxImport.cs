using Fpga.Host.Formats;

namespace Fpga.Host.Models.Import;

/// <summary>The model an ONNX graph computes, with what the graph says about its input and output.</summary>
/// <param name="Model">The network, gates in canonical order.</param>
/// <param name="InputName">The graph input the sequence goes into.</param>
/// <param name="InputLayout">Its axes as the importer identified them, e.g. "batch x steps x features".</param>
/// <param name="OutputName">The graph output that carries the model's result.</param>
/// <param name="OutputsLastStepOnly">The graph returns only the last step; <see cref="Model"/> still yields every step, whose last one matches.</param>
/// <param name="Initializers">The graph's initializers, with producer, IR version, opset and metadata_props as metadata.</param>
public sealed record OnnxImport(LstmModel Model, string InputName, string InputLayout, string OutputName, bool OutputsLastStepOnly, TensorArchive Initializers);
