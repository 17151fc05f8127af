namespace Fpga.Gen.Cores.Accelerator;

/// <summary>What a region of the accelerator's write bus holds.</summary>
public enum MemoryRegionKind
{
    /// <summary>W_ih code planes: SIMD-column words of the layer's input unit (layer 0: the balanced input SIMD).</summary>
    InputWeights,
    /// <summary>W_ih coefficients A_x, one WeightCoefficient per row and code.</summary>
    InputCoefficients,
    /// <summary>W_hh code planes, and in the last layer the dense rows after the 4H gate rows.</summary>
    RecurrentWeights,
    /// <summary>W_hh coefficients A_h, and in the last layer the dense rows' coefficients.</summary>
    RecurrentCoefficients,
    /// <summary>One word per hidden unit k: {b_o, b_g, b_f, b_i} in the Gate format, b_i in the low bits.</summary>
    Biases,
    /// <summary>Static re-quantization: G[j] of the layer's hidden state, one per code.</summary>
    StaticCoefficients,
    /// <summary>The dense layer's biases, one Gate word per output row.</summary>
    DenseBiases,
}

/// <summary>
/// One region of the write bus: cfg_wr_addr = {Index, local address} with the local address in
/// the low <see cref="AcceleratorMemoryMap.LocalBits"/> bits; the data is right-aligned in cfg_wr_data.
/// </summary>
/// <param name="Index">The region's number: the high bits of cfg_wr_addr.</param>
/// <param name="Layer">The layer it belongs to; the last layer for the dense biases.</param>
/// <param name="AddressBits">Local address bits the region decodes.</param>
/// <param name="DataWidth">Bits of cfg_wr_data the region takes, from bit 0.</param>
/// <param name="Writes">How many distinct local addresses a full image writes.</param>
public sealed record MemoryRegion(int Index, MemoryRegionKind Kind, int Layer, int AddressBits, int DataWidth, long Writes)
{
    /// <summary>A name for manifests and messages, e.g. "layer1.recurrent_weights".</summary>
    public string Name => Kind == MemoryRegionKind.DenseBiases ? "dense.biases" : $"layer{Layer}.{Snake(Kind)}";

    private static string Snake(MemoryRegionKind kind) => kind switch
    {
        MemoryRegionKind.InputWeights => "input_weights",
        MemoryRegionKind.InputCoefficients => "input_coefficients",
        MemoryRegionKind.RecurrentWeights => "recurrent_weights",
        MemoryRegionKind.RecurrentCoefficients => "recurrent_coefficients",
        MemoryRegionKind.Biases => "biases",
        MemoryRegionKind.StaticCoefficients => "static_coefficients",
        _ => "dense_biases",
    };
}
