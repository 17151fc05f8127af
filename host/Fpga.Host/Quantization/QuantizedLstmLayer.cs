using Fpga.Host.Models;

namespace Fpga.Host.Quantization;

/// <summary>
/// One LSTM layer with quantized weights: W_ih [4H, I] and W_hh [4H, H] in
/// <see cref="LstmGateOrder.Canonical"/> gate order (i, f, g, o), float biases, and how the
/// layer's input activations are quantized.
/// </summary>
public sealed class QuantizedLstmLayer
{
    public QuantizedLstmLayer(QuantizedTensor weightIh, QuantizedTensor weightHh, float[] biasIh, float[] biasHh, ActivationQuantization activations)
    {
        ArgumentNullException.ThrowIfNull(weightIh);
        ArgumentNullException.ThrowIfNull(weightHh);
        ArgumentNullException.ThrowIfNull(activations);
        int hidden = weightHh.Cols;
        if (weightHh.Rows != 4 * hidden) throw new ArgumentException($"W_hh must be [4H, H], got {weightHh.Rows}x{weightHh.Cols}", nameof(weightHh));
        if (weightIh.Rows != 4 * hidden) throw new ArgumentException($"W_ih must have 4H = {4 * hidden} rows, got {weightIh.Rows}", nameof(weightIh));
        if (biasIh.Length != 4 * hidden) throw new ArgumentException($"expected {4 * hidden} values, got {biasIh.Length}", nameof(biasIh));
        if (biasHh.Length != 4 * hidden) throw new ArgumentException($"expected {4 * hidden} values, got {biasHh.Length}", nameof(biasHh));
        WeightIh = weightIh;
        WeightHh = weightHh;
        BiasIh = biasIh;
        BiasHh = biasHh;
        Activations = activations;
    }

    public QuantizedTensor WeightIh { get; }
    public QuantizedTensor WeightHh { get; }
    public float[] BiasIh { get; }
    public float[] BiasHh { get; }
    public ActivationQuantization Activations { get; }

    public int InputSize => WeightIh.Cols;
    public int HiddenSize => WeightHh.Cols;
}
