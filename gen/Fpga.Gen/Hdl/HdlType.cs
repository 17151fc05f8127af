namespace Fpga.Gen.Hdl;

/// <summary>A bit vector type: a width of at least one bit and a signedness.</summary>
public readonly record struct HdlType
{
    public HdlType(int width, bool signed)
    {
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "a signal is at least one bit wide");
        Width = width;
        Signed = signed;
    }

    public int Width { get; }
    public bool Signed { get; }

    public static HdlType UInt(int width) => new(width, false);
    public static HdlType SInt(int width) => new(width, true);
    public static readonly HdlType Bit = UInt(1);

    public override string ToString() => Signed ? $"sint{Width}" : $"uint{Width}";
}
