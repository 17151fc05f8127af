using System.Text.Json.Serialization;

namespace Fpga.Gen.Spec;

/// <summary>A signed two's complement fixed-point format: Width bits of which Fraction are after the point.</summary>
public sealed record FixedFormat(int Width, int Fraction)
{
    [JsonIgnore]
    public long Max => (1L << (Width - 1)) - 1;
    [JsonIgnore]
    public long Min => -(1L << (Width - 1));
    [JsonIgnore]
    public double Resolution => Math.ScaleB(1.0, -Fraction);
    [JsonIgnore]
    public double MaxValue => Max * Resolution;

    internal void Validate(string field)
    {
        if (Width is < 2 or > 32) throw new SpecValidationException($"{field}.width", $"{Width} is outside 2..32 bits");
        if (Fraction < 0 || Fraction >= Width) throw new SpecValidationException($"{field}.fraction", $"{Fraction} must be 0..{Width - 1} for a {Width}-bit value");
    }

    public override string ToString() => $"Q{Width - Fraction}.{Fraction}";
}
