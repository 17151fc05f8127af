namespace Fpga.Host.Quantization;

/// <summary>Every quantizer the toolchain implements; all of them produce the same <see cref="QuantizedTensor"/> form.</summary>
public enum QuantMethod
{
    /// <summary>XNOR-Net: sign codes with a mean-|w| scale per row (k = 1).</summary>
    Binary,
    /// <summary>BinaryConnect: sign codes with a fixed scale of 1 (k = 1).</summary>
    BinaryConnect,
    /// <summary>Ternary weight networks: {-a, 0, +a} as two codes with a_1 = a_2 = a/2.</summary>
    Ternary,
    /// <summary>{-1, -0.5, 0.5, 1} * a as two codes with a_1 = 0.75a, a_2 = 0.25a.</summary>
    Quaternary,
    /// <summary>Xu et al. 2018: greedy residual signs, k codes.</summary>
    Greedy,
    /// <summary>Greedy codes with a least-squares refit of the coefficients.</summary>
    Refined,
    /// <summary>Alternating least-squares coefficients and binary-search-tree codes.</summary>
    Alternating,
    /// <summary>2^k evenly spaced symmetric levels, step * 2^(i-1) per code.</summary>
    Uniform,
    /// <summary>TensorFlow Lite style 8-bit affine quantization per row (zero point folds into the offset).</summary>
    Int8,
}
