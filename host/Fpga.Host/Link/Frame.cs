using Fpga.Gen.Cores.Link;

namespace Fpga.Host.Link;

/// <summary>One frame of the board link (docs/PROTOCOL.md).</summary>
public sealed record Frame(FrameType Type, byte Seq, byte[] Payload)
{
    /// <summary>The bytes on the wire: SYNC, TYPE, SEQ, LEN (little endian), payload, CRC (most significant byte first).</summary>
    public byte[] Encode()
    {
        if (Payload.Length > ushort.MaxValue) throw new ArgumentException($"a payload of {Payload.Length} bytes does not fit a frame");
        var bytes = new byte[Payload.Length + LinkProtocol.Overhead];
        bytes[0] = LinkProtocol.Sync;
        bytes[1] = (byte)Type;
        bytes[2] = Seq;
        bytes[3] = (byte)Payload.Length;
        bytes[4] = (byte)(Payload.Length >> 8);
        Payload.CopyTo(bytes, LinkProtocol.HeaderBytes);
        ushort crc = LinkCrc.Compute(bytes.AsSpan(1, LinkProtocol.HeaderBytes - 1 + Payload.Length));
        bytes[^2] = (byte)(crc >> 8);
        bytes[^1] = (byte)crc;
        return bytes;
    }

    /// <summary>The reason of a NAK (its first payload byte).</summary>
    public NakReason Reason => Type == FrameType.Nak && Payload.Length >= 1 ? (NakReason)Payload[0] : 0;

    /// <summary>The sequence number a NAK says the board expects next.</summary>
    public byte Expected => Type == FrameType.Nak && Payload.Length >= 2 ? Payload[1] : (byte)0;

    public override string ToString() => Type == FrameType.Nak ? $"NAK({Reason}, expects {Expected})" : $"{Type}(seq {Seq}, {Payload.Length} bytes)";
}
