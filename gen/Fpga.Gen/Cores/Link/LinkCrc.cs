using Fpga.Gen.Hdl;

namespace Fpga.Gen.Cores.Link;

/// <summary>
/// CRC-16/CCITT-FALSE (polynomial 0x1021, initial value 0xFFFF, no reflection, no final XOR),
/// defined once here for the host codec and the RTL. The register update is linear over GF(2)
/// in (crc, byte), so the RTL's one-byte update is derived from <see cref="Update"/> itself:
/// each next-state bit is the XOR of the input bits whose unit vectors set it.
/// Appending the CRC most significant byte first makes the CRC over the whole frame 0.
/// </summary>
public static class LinkCrc
{
    public const ushort Polynomial = 0x1021;
    public const ushort Initial = 0xFFFF;

    public static ushort Update(ushort crc, byte data)
    {
        crc ^= (ushort)(data << 8);
        for (int bit = 0; bit < 8; bit++)
            crc = (crc & 0x8000) != 0 ? (ushort)((crc << 1) ^ Polynomial) : (ushort)(crc << 1);
        return crc;
    }

    public static ushort Compute(ReadOnlySpan<byte> data)
    {
        ushort crc = Initial;
        foreach (var b in data) crc = Update(crc, b);
        return crc;
    }

    /// <summary>The RTL of <see cref="Update"/>: a 16-bit CRC and an 8-bit byte in, the next CRC out.</summary>
    public static Expr UpdateRtl(Expr crc, Expr data)
    {
        if (crc.Width != 16 || data.Width != 8) throw new HdlConstructionException($"the CRC update takes 16 + 8 bits, not {crc.Width} + {data.Width}");
        var inputs = Expr.Concat(data, crc);
        var bits = new Expr[16];
        for (int output = 0; output < 16; output++)
        {
            uint mask = 0;
            for (int input = 0; input < 24; input++)
            {
                // Input bits 0..15 are the CRC, 16..23 the byte, as in the concatenation above.
                ushort c = input < 16 ? (ushort)(1 << input) : (ushort)0;
                byte d = input < 16 ? (byte)0 : (byte)(1 << (input - 16));
                if ((Update(c, d) >> output & 1) != 0) mask |= 1u << input;
            }
            bits[15 - output] = (inputs & Expr.Const(mask, 24)).ReduceXor();
        }
        return Expr.Concat(bits);
    }
}
