using System.Buffers.Binary;
using Fpga.Gen.Spec;

namespace Fpga.Gen.Cores.Link;

/// <summary>
/// The IDENTIFY answer, byte for byte (little endian): design id (4, read from the accelerator's
/// design_id port), protocol version (1), counters (1), max payload (2), write word bytes (1),
/// write address bits (1), RUN input beat bytes (1), RUN output beat bytes (1), clock Hz (4),
/// baud rate (4), the spec's SHA-256 (32), then the dimensions: input size (2), hidden size (2),
/// layers (1), dense outputs (2), kw (1), ka (1), PE (1), SIMD (2).
/// The board holds everything after the design id in a ROM; the host decodes the same layout.
/// </summary>
public sealed record LinkIdentity(
    uint DesignId, int ProtocolVersion, int Counters, int MaxPayload, int WordBytes, int AddressBits, int InputBeatBytes, int OutputBeatBytes,
    long ClockHz, long BaudRate, byte[] SpecHash, int InputSize, int HiddenSize, int Layers, int DenseOutputs, int WeightCodes, int ActivationCodes, int Pe, int Simd)
{
    public const int Size = 64;
    public const int DesignIdBytes = 4;

    public static LinkIdentity For(AcceleratorSpec spec, LinkOptions link, AcceleratorPorts ports) => new(
        spec.DesignId, spec.ProtocolVersion, LinkCounters.Names.Count + ports.Counters.Count, link.MaxPayload, ports.WordBytes, ports.AddressWidth,
        ports.InputBeatBytes, ports.OutputBeatBytes, link.Uart.ClockHz, link.Uart.BaudRate, Convert.FromHexString(spec.Hash),
        spec.InputSize, spec.HiddenSize, spec.Layers, spec.DenseOutputs, spec.WeightCodes, spec.ActivationCodes, spec.Pe, spec.Simd);

    public byte[] Encode()
    {
        var bytes = new byte[Size];
        var s = bytes.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(s, DesignId);
        s[4] = (byte)ProtocolVersion;
        s[5] = (byte)Counters;
        BinaryPrimitives.WriteUInt16LittleEndian(s[6..], (ushort)MaxPayload);
        s[8] = (byte)WordBytes;
        s[9] = (byte)AddressBits;
        s[10] = (byte)InputBeatBytes;
        s[11] = (byte)OutputBeatBytes;
        BinaryPrimitives.WriteUInt32LittleEndian(s[12..], (uint)ClockHz);
        BinaryPrimitives.WriteUInt32LittleEndian(s[16..], (uint)BaudRate);
        SpecHash.CopyTo(s[20..52]);
        BinaryPrimitives.WriteUInt16LittleEndian(s[52..], (ushort)InputSize);
        BinaryPrimitives.WriteUInt16LittleEndian(s[54..], (ushort)HiddenSize);
        s[56] = (byte)Layers;
        BinaryPrimitives.WriteUInt16LittleEndian(s[57..], (ushort)DenseOutputs);
        s[59] = (byte)WeightCodes;
        s[60] = (byte)ActivationCodes;
        s[61] = (byte)Pe;
        BinaryPrimitives.WriteUInt16LittleEndian(s[62..], (ushort)Simd);
        return bytes;
    }

    public static LinkIdentity Decode(ReadOnlySpan<byte> s)
    {
        if (s.Length != Size) throw new FormatException($"an IDENTIFY answer has {Size} bytes, not {s.Length}");
        return new LinkIdentity(BinaryPrimitives.ReadUInt32LittleEndian(s), s[4], s[5], BinaryPrimitives.ReadUInt16LittleEndian(s[6..]), s[8], s[9], s[10], s[11],
            BinaryPrimitives.ReadUInt32LittleEndian(s[12..]), BinaryPrimitives.ReadUInt32LittleEndian(s[16..]), s[20..52].ToArray(),
            BinaryPrimitives.ReadUInt16LittleEndian(s[52..]), BinaryPrimitives.ReadUInt16LittleEndian(s[54..]), s[56], BinaryPrimitives.ReadUInt16LittleEndian(s[57..]),
            s[59], s[60], s[61], BinaryPrimitives.ReadUInt16LittleEndian(s[62..]));
    }

    public string SpecHashHex => Convert.ToHexStringLower(SpecHash);
}
