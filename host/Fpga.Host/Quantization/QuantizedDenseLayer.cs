namespace Fpga.Host.Quantization;

/// <summary>The output layer with quantized weights [O, H], a float bias, and how its input (the last hidden state) is quantized.</summary>
public sealed class QuantizedDenseLayer
{
    public QuantizedDenseLayer(QuantizedTensor weights, float[] bias, ActivationQuantization activations)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(activations);
        if (bias.Length != weights.Rows) throw new ArgumentException($"expected {weights.Rows} values, got {bias.Length}", nameof(bias));
        Weights = weights;
        Bias = bias;
        Activations = activations;
    }

    public QuantizedTensor Weights { get; }
    public float[] Bias { get; }
    public ActivationQuantization Activations { get; }

    public int OutputSize => Weights.Rows;
    public int InputSize => Weights.Cols;
}
