namespace Fpga.Gen.Spec;

/// <summary>How sigmoid and tanh are computed.</summary>
public enum NonlinearityKind
{
    /// <summary>A lookup table indexed by the clamped, truncated input.</summary>
    Table,
    /// <summary>Linear interpolation between table breakpoints.</summary>
    PiecewiseLinear,
}

/// <summary>How the hidden state is re-quantized to activation codes on chip every step.</summary>
public enum HiddenRequantization
{
    /// <summary>Coefficients calibrated offline and loaded with the weights; codes are the nearest level.</summary>
    Static,
    /// <summary>Greedy residual signs with mean-absolute coefficients, computed every step.</summary>
    Greedy,
    /// <summary>Greedy, then alternating least-squares refits for a fixed number of cycles (ka &lt;= 3).</summary>
    Alternating,
}

/// <summary>Which RAM the weight and coefficient memories map to.</summary>
public enum MemoryTechnology
{
    /// <summary>Plain inferred RAM: the synthesis tool picks block RAM.</summary>
    Inferred,
    /// <summary>iCE40 UltraPlus: weight planes in SPRAM, coefficients and tables in EBR.</summary>
    Ice40,
}

/// <summary>What the accelerator streams out.</summary>
public enum OutputMode
{
    /// <summary>The last layer's hidden state after every step.</summary>
    HiddenEveryStep,
    /// <summary>The dense layer's logits after the last step of a sequence.</summary>
    LogitsAtEnd,
}
