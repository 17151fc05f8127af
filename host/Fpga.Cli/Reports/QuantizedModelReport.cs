using Fpga.Host.Quantization;

namespace Fpga.Cli.Reports;

/// <summary>The layer summary of a quantized model in `fpga inspect`.</summary>
public static class QuantizedModelReport
{
    public static void Write(TextWriter output, QuantizedModel model)
    {
        output.WriteLine(model.Embedding is null ? $"input: {model.InputSize} features per step" : "input: token ids");
        if (model.Embedding is { } e) output.WriteLine($"embedding: vocabulary {e.VocabularySize} x dim {e.Dimension}  F32 (not quantized)");
        for (int l = 0; l < model.Layers.Count; l++)
        {
            var layer = model.Layers[l];
            output.WriteLine($"layer {l}: LSTM {layer.InputSize} -> {layer.HiddenSize}  W_ih {Matrix(layer.WeightIh)}  W_hh {Matrix(layer.WeightHh)}  "
                + $"biases F32 [{layer.BiasIh.Length}] x2  activations {layer.Activations.Method} {layer.Activations.Bits} bit");
        }
        if (model.Dense is { } d)
            output.WriteLine($"dense: {d.InputSize} -> {d.OutputSize}  W {Matrix(d.Weights)}  b F32 [{d.OutputSize}]  activations {d.Activations.Method} {d.Activations.Bits} bit");
        output.WriteLine($"gate order: {QuantizedModel.GateOrder.Name} (canonical)");
        var matrices = model.Layers.SelectMany(l => new[] { l.WeightIh, l.WeightHh }).Concat(model.Dense is null ? [] : [model.Dense.Weights]).ToList();
        long weights = matrices.Sum(m => (long)m.Rows * m.Cols);
        long planeBytes = matrices.Sum(m => (long)m.Planes.Length * sizeof(ulong));
        output.WriteLine($"parameters: {weights:N0} quantized weights in {TensorTableReport.Bytes(planeBytes)} of bit planes");
    }

    private static string Matrix(QuantizedTensor m) => $"[{m.Rows}, {m.Cols}] {m.Method} {m.Codes} bit{(m.Codes == 1 ? "" : "s")}";
}
