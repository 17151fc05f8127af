using Fpga.Host.Models;
using Fpga.Host.Models.Import;

namespace Fpga.Cli.Reports;

/// <summary>The layer summary of a float model in `fpga inspect`.</summary>
public static class FloatModelReport
{
    public static void Write(TextWriter output, LstmModel model, OnnxImport? onnx)
    {
        string graphInput = onnx is null ? "" : $"'{onnx.InputName}' {onnx.InputLayout}, ";
        output.WriteLine(model.Embedding is null ? $"input: {graphInput}{model.InputSize} features per step" : $"input: {graphInput}token ids");
        if (model.Embedding is { } e) output.WriteLine($"embedding: vocabulary {e.VocabularySize} x dim {e.Dimension}  F32 [{e.VocabularySize}, {e.Dimension}]");
        for (int l = 0; l < model.Layers.Count; l++)
        {
            var layer = model.Layers[l];
            int rows = 4 * layer.HiddenSize;
            output.WriteLine($"layer {l}: LSTM {layer.InputSize} -> {layer.HiddenSize}  W_ih [{rows}, {layer.InputSize}]  W_hh [{rows}, {layer.HiddenSize}]  b_ih [{rows}]  b_hh [{rows}]");
        }
        if (model.Dense is { } d) output.WriteLine($"dense: {d.InputSize} -> {d.OutputSize}  W [{d.OutputSize}, {d.InputSize}]  b [{d.OutputSize}]");
        string result = model.Dense is null ? $"last hidden state ({model.OutputSize}) at every step" : $"logits ({model.OutputSize}) at every step";
        if (onnx is { OutputsLastStepOnly: true }) result += $"; the graph output '{onnx.OutputName}' keeps only the last step";
        output.WriteLine($"output: {result}");
        output.WriteLine($"gate order: {LstmGateOrder.Canonical.Name} (canonical)");
        output.WriteLine($"parameters: {model.ParameterCount:N0} ({TensorTableReport.Bytes(model.ParameterCount * sizeof(float))} as float32)");
    }
}
