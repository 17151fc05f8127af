using Fpga.Gen.Spec;

namespace Fpga.Gen.Cores.Link;

/// <summary>
/// The board link's generator options: the line timing, the largest payload a frame may carry
/// (the size of each of the two frame buffers and of the answer buffer) and how long the line
/// may stay quiet inside a frame before the frame is dropped as cut short.
/// </summary>
public sealed record LinkOptions(UartOptions Uart, int MaxPayload = 1024, int TimeoutBits = 200)
{
    public static LinkOptions For(AcceleratorSpec spec) => new(UartOptions.For(spec));

    /// <summary>Bits of LEN as the board holds it: 0..MaxPayload.</summary>
    public int LengthWidth => Hdl.BitWidth.ForUnsigned(MaxPayload);

    /// <summary>Bits of a byte offset into one frame buffer.</summary>
    public int OffsetWidth => Hdl.BitWidth.Log2Ceiling(MaxPayload);

    /// <summary>The inter-byte timeout in clocks.</summary>
    public long TimeoutClocks => (long)Math.Ceiling(TimeoutBits * Uart.ClocksPerBit);

    public LinkOptions Validate()
    {
        Uart.Validate();
        if (MaxPayload < 128 || MaxPayload > 16384 || (MaxPayload & (MaxPayload - 1)) != 0)
            throw new SpecValidationException(nameof(MaxPayload), $"{MaxPayload} is not a power of two in 128..16384");
        if (TimeoutBits < 20)
            throw new SpecValidationException(nameof(TimeoutBits), $"{TimeoutBits} bit times is shorter than two bytes");
        return this;
    }
}
