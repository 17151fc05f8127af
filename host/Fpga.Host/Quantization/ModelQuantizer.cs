using Fpga.Host.Models;

namespace Fpga.Host.Quantization;

/// <summary>How one weight tensor came out of quantization.</summary>
public sealed record TensorQuantizationReport(string Name, int Rows, int Cols, double RelativeError, MemoryFootprint Footprint);

/// <summary>
/// Quantizes every weight matrix of a float LSTM row by row (one coefficient set per gate
/// row) with the given method, and records how its activations are to be quantized. Biases
/// and the embedding table stay float: a bias is an addition and an embedding a lookup, not
/// a product the XNOR datapath computes.
/// </summary>
public static class ModelQuantizer
{
    public static (QuantizedModel Model, IReadOnlyList<TensorQuantizationReport> Reports) Quantize(
        LstmModel model, QuantizerOptions weights, ActivationQuantization activations)
    {
        weights.Validate();
        new QuantizerOptions(activations.Method, activations.Bits).Validate();
        var reports = new List<TensorQuantizationReport>();
        QuantizedTensor Matrix(string name, float[] values, int rows, int cols)
        {
            var quantized = Quantizer.QuantizeRows(values, rows, cols, weights);
            reports.Add(new TensorQuantizationReport(name, rows, cols, QuantizationError.Relative(values, quantized), MemoryFootprint.Of(quantized)));
            return quantized;
        }

        var layers = model.Layers.Select((layer, l) => new QuantizedLstmLayer(
            Matrix($"weight_ih_l{l}", layer.WeightIh, 4 * layer.HiddenSize, layer.InputSize),
            Matrix($"weight_hh_l{l}", layer.WeightHh, 4 * layer.HiddenSize, layer.HiddenSize),
            layer.BiasIh, layer.BiasHh, activations)).ToArray();
        var dense = model.Dense is { } d
            ? new QuantizedDenseLayer(Matrix("dense.weight", d.Weights, d.OutputSize, d.InputSize), d.Bias, activations)
            : null;
        return (new QuantizedModel(layers, model.Embedding, dense), reports);
    }
}
