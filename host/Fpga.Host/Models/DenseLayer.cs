namespace Fpga.Host.Models;

/// <summary>The output layer: logits = W h + b with W [O, H] row-major (PyTorch nn.Linear layout).</summary>
public sealed record DenseLayer
{
    public DenseLayer(int outputSize, int inputSize, float[] weights, float[] bias)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(outputSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputSize, 1);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(bias);
        if (weights.Length != outputSize * inputSize)
            throw new ArgumentException($"expected {outputSize * inputSize} values, got {weights.Length}", nameof(weights));
        if (bias.Length != outputSize) throw new ArgumentException($"expected {outputSize} values, got {bias.Length}", nameof(bias));
        OutputSize = outputSize;
        InputSize = inputSize;
        Weights = weights;
        Bias = bias;
    }

    public int OutputSize { get; }
    public int InputSize { get; }

    /// <summary>[O, H] row-major.</summary>
    public float[] Weights { get; }

    /// <summary>[O].</summary>
    public float[] Bias { get; }
}
