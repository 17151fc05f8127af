namespace Fpga.Host.Models;

/// <summary>
/// One unidirectional LSTM layer in float, gates in <see cref="LstmGateOrder.Canonical"/> order
/// (i, f, g, o): gates = W_ih x + b_ih + W_hh h + b_hh, row-major [4H, I] and [4H, H].
/// </summary>
public sealed record LstmLayer
{
    public LstmLayer(int inputSize, int hiddenSize, float[] weightIh, float[] weightHh, float[] biasIh, float[] biasHh)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hiddenSize, 1);
        Check(weightIh, 4 * hiddenSize * inputSize, nameof(weightIh));
        Check(weightHh, 4 * hiddenSize * hiddenSize, nameof(weightHh));
        Check(biasIh, 4 * hiddenSize, nameof(biasIh));
        Check(biasHh, 4 * hiddenSize, nameof(biasHh));
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        WeightIh = weightIh;
        WeightHh = weightHh;
        BiasIh = biasIh;
        BiasHh = biasHh;
    }

    public int InputSize { get; }
    public int HiddenSize { get; }

    /// <summary>[4H, I] row-major.</summary>
    public float[] WeightIh { get; }

    /// <summary>[4H, H] row-major.</summary>
    public float[] WeightHh { get; }

    /// <summary>[4H].</summary>
    public float[] BiasIh { get; }

    /// <summary>[4H].</summary>
    public float[] BiasHh { get; }

    public long ParameterCount => (long)WeightIh.Length + WeightHh.Length + BiasIh.Length + BiasHh.Length;

    private static void Check(float[] values, int expected, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        if (values.Length != expected) throw new ArgumentException($"expected {expected} values, got {values.Length}", name);
    }
}
