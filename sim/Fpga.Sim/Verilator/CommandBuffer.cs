using System.Globalization;
using System.Numerics;

namespace Fpga.Sim.Verilator;

/// <summary>
/// Commands not yet sent to the harness, as ASCII bytes. Sending in large chunks is what lets a
/// caller pipeline thousands of commands per pipe write.
/// </summary>
internal sealed class CommandBuffer
{
    public const int FlushThreshold = 1 << 16;

    private byte[] bytes = new byte[FlushThreshold + 4096];
    private int length;

    public int Length => length;

    public ReadOnlySpan<byte> Pending => bytes.AsSpan(0, length);

    public void Clear() => length = 0;

    public CommandBuffer Text(string text)
    {
        Ensure(text.Length);
        foreach (var c in text)
        {
            bytes[length++] = (byte)c;
        }
        return this;
    }

    public CommandBuffer Hex(ulong value)
    {
        Ensure(16);
        value.TryFormat(bytes.AsSpan(length), out var written, "x", CultureInfo.InvariantCulture);
        length += written;
        return this;
    }

    public CommandBuffer Hex(BigInteger value) => Text(HexValue.Format(value));

    public CommandBuffer Decimal(long value)
    {
        Ensure(20);
        value.TryFormat(bytes.AsSpan(length), out var written, default, CultureInfo.InvariantCulture);
        length += written;
        return this;
    }

    public CommandBuffer EndLine()
    {
        Ensure(1);
        bytes[length++] = (byte)'\n';
        return this;
    }

    private void Ensure(int extra)
    {
        if (length + extra > bytes.Length)
        {
            Array.Resize(ref bytes, Math.Max(bytes.Length * 2, length + extra));
        }
    }
}
