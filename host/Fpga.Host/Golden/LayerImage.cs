namespace Fpga.Host.Golden;

/// <summary>
/// One LSTM layer of the model image: W_ih and W_hh (4H rows, gates i, f, g, o), the biases
/// b_ih + b_hh in Gate format, and for static re-quantization the ka fixed coefficients of
/// this layer's hidden state in ActivationCoefficient format (null otherwise).
/// </summary>
public sealed record LayerImage(ImageMatrix InputWeights, ImageMatrix HiddenWeights, long[] Bias, long[]? StaticCoefficients);

/// <summary>The dense layer of the model image: weights [O, H] and biases in Gate format.</summary>
public sealed record DenseImage(ImageMatrix Weights, long[] Bias);
