namespace Fpga.Host.Quantization;

/// <summary>How a layer's input activations (x_t and h_{t-1}) are quantized before the XNOR-popcount products.</summary>
public sealed record ActivationQuantization
{
    public ActivationQuantization(QuantMethod method, int bits)
    {
        if (!Enum.IsDefined(method)) throw new ArgumentOutOfRangeException(nameof(method), method, "unknown quantization method");
        if (bits is < 1 or > QuantizedTensor.MaxCodes) throw new ArgumentOutOfRangeException(nameof(bits), bits, $"activation bits must be 1..{QuantizedTensor.MaxCodes}");
        Method = method;
        Bits = bits;
    }

    public QuantMethod Method { get; }
    public int Bits { get; }
}
