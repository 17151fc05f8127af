using Fpga.Host.Diagnostics;

namespace Fpga.Host.Quantization;

/// <summary>
/// What to quantize with: the method, the number of codes k per element (Binary and
/// BinaryConnect 1; Ternary and Quaternary 2; Int8 8; Greedy, Refined, Alternating and Uniform
/// 1 to 8), and for <see cref="QuantMethod.Alternating"/> the number of least-squares /
/// code-assignment cycles (other methods ignore it, but it must still be in range).
/// </summary>
public sealed record QuantizerOptions(QuantMethod Method, int Bits, int Cycles = 2)
{
    public const int MaxCycles = 100;

    /// <summary>Throws <see cref="FpgaException"/> when the method cannot use this many bits or cycles.</summary>
    public void Validate()
    {
        var (min, max) = BitRange(Method);
        if (Bits < min || Bits > max)
        {
            string allowed = min == max ? $"exactly {min}" : $"{min} to {max}";
            throw new FpgaException($"{Method} quantization uses {allowed} bits, not {Bits}");
        }
        if (Cycles is < 1 or > MaxCycles)
        {
            throw new FpgaException($"quantization cycles must be 1 to {MaxCycles}, not {Cycles}");
        }
    }

    private static (int Min, int Max) BitRange(QuantMethod method) => method switch
    {
        QuantMethod.Binary or QuantMethod.BinaryConnect => (1, 1),
        QuantMethod.Ternary or QuantMethod.Quaternary => (2, 2),
        QuantMethod.Int8 => (8, 8),
        QuantMethod.Greedy or QuantMethod.Refined or QuantMethod.Alternating or QuantMethod.Uniform => (1, QuantizedTensor.MaxCodes),
        _ => throw new FpgaException($"unknown quantization method {(int)method}"),
    };
}
