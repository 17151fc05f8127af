using Fpga.Gen.Spec;

namespace Fpga.Gen.Tests.Spec;

public class AcceleratorSpecTests
{
    private static readonly AcceleratorSpec Valid = new AcceleratorSpec().Validate();

    public static TheoryData<string, Func<AcceleratorSpec, AcceleratorSpec>> BadSpecs => new()
    {
        { "HiddenSize", s => s with { HiddenSize = 0 } },
        { "WeightCodes", s => s with { WeightCodes = 5 } },
        { "ActivationCodes", s => s with { ActivationCodes = 0 } },
        { "Pe", s => s with { HiddenSize = 10, Pe = 3 } },
        { "Gate.fraction", s => s with { Gate = new FixedFormat(16, 16) } },
        { "Hidden.fraction", s => s with { Hidden = new FixedFormat(12, 11) } },
        { "Cell.width", s => s with { Cell = new FixedFormat(40, 10) } },
        { "Requantization", s => s with { Requantization = HiddenRequantization.Alternating, ActivationCodes = 4 } },
        { "AlternatingCycles", s => s with { Requantization = HiddenRequantization.Alternating, AlternatingCycles = 9 } },
        { "Output", s => s with { Output = OutputMode.LogitsAtEnd } },
        { "NonlinearityTableBits", s => s with { NonlinearityTableBits = 12, Gate = new FixedFormat(16, 4) } },
        { "NonlinearityInputRangeLog2", s => s with { NonlinearityInputRangeLog2 = 6, Gate = new FixedFormat(10, 6) } },
        { "BaudRate", s => s with { ClockHz = 1_000_000, BaudRate = 500_000 } },
        { "ProtocolVersion", s => s with { ProtocolVersion = 7 } },
    };

    [Theory]
    [MemberData(nameof(BadSpecs))]
    public void ABadCombinationIsRejectedNamingTheField(string field, Func<AcceleratorSpec, AcceleratorSpec> change)
    {
        var e = Assert.Throws<SpecValidationException>(() => change(Valid).Validate());
        Assert.Equal(field, e.Field);
        Assert.False(string.IsNullOrWhiteSpace(e.Reason));
    }

    [Fact]
    public void JsonRoundTripsEveryField()
    {
        var spec = Valid with { Layers = 2, DenseOutputs = 12, Requantization = HiddenRequantization.Static, Cell = new FixedFormat(18, 12) };
        var back = AcceleratorSpec.FromJson(spec.ToJson(), "test");
        Assert.Equal(spec, back);
        Assert.Contains("\"Requantization\": \"Static\"", spec.ToJson());
    }

    [Fact]
    public void JsonWithAnUnknownFieldOrBadValueIsRefusedNamingTheSource()
    {
        var unknown = Assert.Throws<SpecValidationException>(() => AcceleratorSpec.FromJson("{\"Hiden\": 3}", "spec.json"));
        Assert.Equal("spec.json", unknown.Field);
        var invalid = Assert.Throws<SpecValidationException>(() => AcceleratorSpec.FromJson("{\"HiddenSize\": 0}", "spec.json"));
        Assert.Equal("HiddenSize", invalid.Field);
    }

    [Fact]
    public void TheHashIdentifiesTheDesign()
    {
        Assert.Equal(Valid.Hash, new AcceleratorSpec().Hash);
        Assert.Equal(64, Valid.Hash.Length);
        Assert.NotEqual(Valid.Hash, (Valid with { Simd = 16 }).Hash);
        Assert.NotEqual(Valid.DesignId, (Valid with { Hidden = new FixedFormat(12, 9) }).DesignId);
        Assert.Equal(Convert.ToUInt32(Valid.Hash[..8], 16), Valid.DesignId);
    }
}
