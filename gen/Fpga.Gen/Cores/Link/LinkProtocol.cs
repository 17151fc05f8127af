namespace Fpga.Gen.Cores.Link;

/// <summary>
/// The board link's frame format, shared by the RTL (decoder, encoder, command engine) and the
/// host codec so the two cannot drift apart. docs/PROTOCOL.md describes it frame by frame.
/// A frame: SYNC, TYPE, SEQ, LEN (2 bytes, little endian), LEN payload bytes, and the CRC
/// (<see cref="LinkCrc"/>, 2 bytes, most significant first) over TYPE..payload.
/// </summary>
public static class LinkProtocol
{
    public const byte Sync = 0x5A;

    /// <summary>SYNC, TYPE, SEQ and the two LEN bytes.</summary>
    public const int HeaderBytes = 5;

    public const int CrcBytes = 2;

    /// <summary>Bytes a frame costs beyond its payload.</summary>
    public const int Overhead = HeaderBytes + CrcBytes;

    /// <summary>Bytes of the WRITE payload's address field, before the words.</summary>
    public const int WriteAddressBytes = 4;

    /// <summary>Sequence numbers are one byte; a sender keeps fewer than half of them in flight so old and new never alias.</summary>
    public const int MaxWindow = 127;
}

/// <summary>What a frame asks or answers. Host to board below 0x80, board to host from 0x80.</summary>
public enum FrameType : byte
{
    /// <summary>Re-synchronizes sequence numbers; answered with the board's identity.</summary>
    Identify = 0x01,
    /// <summary>Payload: 4-byte word address (little endian), then whole words for the accelerator's write bus.</summary>
    Write = 0x02,
    /// <summary>Clears the accelerator's recurrent state.</summary>
    ResetState = 0x03,
    /// <summary>Payload: whole input beats for the accelerator's input stream; answered with its output beats.</summary>
    Run = 0x04,
    /// <summary>Answered with a snapshot of every counter.</summary>
    ReadCounters = 0x05,
    Ack = 0x80,
    Nak = 0x81,
}

/// <summary>Why the board refused a frame (the first NAK payload byte).</summary>
public enum NakReason : byte
{
    /// <summary>The CRC did not match: the frame was corrupted on the line.</summary>
    Crc = 1,
    /// <summary>LEN is above the board's maximum or does not suit the frame type.</summary>
    Length = 2,
    /// <summary>The line went quiet in the middle of a frame (inter-byte timeout).</summary>
    Timeout = 3,
    /// <summary>A sequence number ahead of the one expected: an earlier frame was lost.</summary>
    Sequence = 4,
    /// <summary>A TYPE the board does not know.</summary>
    UnknownType = 5,
    /// <summary>Bytes outside any frame, followed by a quiet line.</summary>
    Noise = 6,
    /// <summary>A RUN produced more output than one answer frame holds; the excess was dropped.</summary>
    Overflow = 7,
    /// <summary>A WRITE address beyond the accelerator's address space.</summary>
    Address = 8,
    /// <summary>A frame whose CRC is good but whose length does not suit its type: a host error, not a line error.</summary>
    Malformed = 9,
}
