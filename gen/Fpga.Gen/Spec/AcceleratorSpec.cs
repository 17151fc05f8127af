using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Fpga.Gen.Hdl;

namespace Fpga.Gen.Spec;

/// <summary>
/// The one description of an accelerator: dimensions, code counts, folding, every number
/// format, the nonlinearity, the hidden-state re-quantization, memories, reset and output.
/// The generator, the golden model, the packer and the protocol all read this record, so
/// they cannot drift apart. Immutable; <see cref="Validate"/> rejects a bad combination
/// naming the field and the reason. Its <see cref="DesignId"/> is built into the RTL and read
/// back by the host before any weights are sent.
/// </summary>
public sealed record AcceleratorSpec
{
    public const int CurrentProtocolVersion = 1;

    public int InputSize { get; init; } = 28;
    public int HiddenSize { get; init; } = 128;
    public int Layers { get; init; } = 1;
    /// <summary>Outputs of the dense layer after the last LSTM layer; 0 for none. Any count: the rows are padded to a multiple of PE.</summary>
    public int DenseOutputs { get; init; }
    /// <summary>Binary codes per weight (kw).</summary>
    public int WeightCodes { get; init; } = 2;
    /// <summary>Binary codes per activation (ka).</summary>
    public int ActivationCodes { get; init; } = 2;
    /// <summary>Matrix rows computed in parallel.</summary>
    public int Pe { get; init; } = 4;
    /// <summary>Bits of a row consumed per cycle by each PE.</summary>
    public int Simd { get; init; } = 32;

    public FixedFormat WeightCoefficient { get; init; } = new(12, 10);
    public FixedFormat ActivationCoefficient { get; init; } = new(12, 10);
    /// <summary>Gate pre-activations and biases.</summary>
    public FixedFormat Gate { get; init; } = new(16, 10);
    public FixedFormat Cell { get; init; } = new(16, 10);
    /// <summary>Sigmoid and tanh outputs and the hidden state.</summary>
    public FixedFormat Hidden { get; init; } = new(12, 10);

    public NonlinearityKind Nonlinearity { get; init; } = NonlinearityKind.Table;
    /// <summary>Table index bits of sigmoid and tanh (2^bits entries over the clamped input range).</summary>
    public int NonlinearityTableBits { get; init; } = 8;
    /// <summary>The input range of the tables is [-2^InputRangeLog2, 2^InputRangeLog2).</summary>
    public int NonlinearityInputRangeLog2 { get; init; } = 3;

    public HiddenRequantization Requantization { get; init; } = HiddenRequantization.Greedy;
    public int AlternatingCycles { get; init; } = 2;

    public MemoryTechnology Memory { get; init; } = MemoryTechnology.Inferred;
    public ResetStyle Reset { get; init; } = ResetStyle.SyncActiveHigh;
    public OutputMode Output { get; init; } = OutputMode.HiddenEveryStep;

    public long ClockHz { get; init; } = 12_000_000;
    public int BaudRate { get; init; } = 115_200;
    public int ProtocolVersion { get; init; } = CurrentProtocolVersion;

    /// <summary>Rows of one layer's gate matrix: four gates of HiddenSize each.</summary>
    [JsonIgnore]
    public int GateRows => 4 * HiddenSize;

    public int LayerInputSize(int layer) => layer == 0 ? InputSize : HiddenSize;

    public AcceleratorSpec Validate()
    {
        Range(nameof(InputSize), InputSize, 1, 4096);
        Range(nameof(HiddenSize), HiddenSize, 1, 4096);
        Range(nameof(Layers), Layers, 1, 4);
        Range(nameof(DenseOutputs), DenseOutputs, 0, 4096);
        Range(nameof(WeightCodes), WeightCodes, 1, 4);
        Range(nameof(ActivationCodes), ActivationCodes, 1, 4);
        Range(nameof(Simd), Simd, 1, 1024);
        Range(nameof(Pe), Pe, 1, 256);
        if (GateRows % Pe != 0)
            throw new SpecValidationException(nameof(Pe), $"{Pe} does not divide the {GateRows} gate rows (4 x hidden size)");
        WeightCoefficient.Validate(nameof(WeightCoefficient));
        ActivationCoefficient.Validate(nameof(ActivationCoefficient));
        Gate.Validate(nameof(Gate));
        Cell.Validate(nameof(Cell));
        Hidden.Validate(nameof(Hidden));
        if (Hidden.Fraction > Hidden.Width - 2)
            throw new SpecValidationException($"{nameof(Hidden)}.fraction", $"{Hidden.Fraction} leaves no room for +1.0 and the sign in {Hidden.Width} bits");
        Range(nameof(NonlinearityTableBits), NonlinearityTableBits, 4, 12);
        Range(nameof(NonlinearityInputRangeLog2), NonlinearityInputRangeLog2, 1, 6);
        if (NonlinearityInputRangeLog2 > Gate.Width - 1 - Gate.Fraction)
            throw new SpecValidationException(nameof(NonlinearityInputRangeLog2), $"the table range +-{1 << NonlinearityInputRangeLog2} exceeds what the gate format {Gate} holds");
        foreach (var (name, fraction) in new[] { (nameof(Gate), Gate.Fraction), (nameof(Cell), Cell.Fraction) })
        {
            if (NonlinearityInputRangeLog2 + 1 - NonlinearityTableBits + fraction < 0)
                throw new SpecValidationException(nameof(NonlinearityTableBits), $"2^{NonlinearityTableBits} bins are finer than the {name} format's resolution");
        }
        if (Requantization == HiddenRequantization.Alternating)
        {
            if (ActivationCodes > 3)
                throw new SpecValidationException(nameof(Requantization), $"alternating re-quantization on chip supports at most 3 activation codes, not {ActivationCodes}");
            Range(nameof(AlternatingCycles), AlternatingCycles, 1, 4);
        }
        if (Output == OutputMode.LogitsAtEnd && DenseOutputs == 0)
            throw new SpecValidationException(nameof(Output), "logits at the end of a sequence need a dense layer (DenseOutputs > 0)");
        if (ClockHz < 1_000_000 || ClockHz > 500_000_000)
            throw new SpecValidationException(nameof(ClockHz), $"{ClockHz} is outside 1 MHz..500 MHz");
        if (BaudRate < 300 || ClockHz / BaudRate < 8)
            throw new SpecValidationException(nameof(BaudRate), $"{BaudRate} baud needs at least 8 clocks per bit at {ClockHz} Hz");
        if (ProtocolVersion != CurrentProtocolVersion)
            throw new SpecValidationException(nameof(ProtocolVersion), $"this toolchain speaks protocol {CurrentProtocolVersion}, not {ProtocolVersion}");
        return this;
    }

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The canonical text: every field, in declaration order, indented; what the hash covers.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static AcceleratorSpec FromJson(string json, string source)
    {
        try
        {
            var spec = JsonSerializer.Deserialize<AcceleratorSpec>(json, Json)
                ?? throw new SpecValidationException(source, "is empty");
            return spec.Validate();
        }
        catch (JsonException e)
        {
            throw new SpecValidationException(source, $"is not a valid spec: {e.Message}");
        }
    }

    /// <summary>SHA-256 of the canonical JSON.</summary>
    [JsonIgnore]
    public string Hash => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ToJson().ReplaceLineEndings("\n"))));

    /// <summary>The first 32 bits of the hash: the identity the RTL reports.</summary>
    [JsonIgnore]
    public uint DesignId => Convert.ToUInt32(Hash[..8], 16);

    private static void Range(string field, long value, long min, long max)
    {
        if (value < min || value > max) throw new SpecValidationException(field, $"{value} is outside {min}..{max}");
    }
}
