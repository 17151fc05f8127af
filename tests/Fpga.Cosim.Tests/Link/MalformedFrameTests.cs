using System.Buffers.Binary;
using System.Diagnostics;
using Fpga.Gen.Cores.Link;
using Fpga.Host.Link;

namespace Fpga.Cosim.Tests.Link;

/// <summary>
/// Garbage sent straight to the board, below the client: each kind answered with its NAK and
/// the board's expected sequence number unchanged, and the next good frame executes.
/// </summary>
[Collection(StandInBoardCollection.Name)]
public class MalformedFrameTests(StandInBoardFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    public static TheoryData<string> Kinds => ["bad crc", "length above the maximum", "cut short", "noise"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void IsAnsweredAndTheNextGoodFrameWorks(string kind)
    {
        using var transport = SerialTransport.Open(fixture.Board.PortPath, 115200);
        var parser = new Answers();
        byte seq = (byte)Random.Shared.Next(256);
        Synchronize(transport, parser, seq);
        byte expected = (byte)(seq + 1);

        var good = new Frame(FrameType.ReadCounters, expected, []).Encode();
        var (garbage, reason) = kind switch
        {
            "bad crc" => (Flip(good, good.Length - 1), NakReason.Crc),
            "length above the maximum" => (Header(FrameType.Write, expected, fixture.Board.Options.MaxPayload + 1), NakReason.Length),
            "cut short" => (good[..(good.Length - 3)], NakReason.Timeout),
            "noise" => (new byte[] { 0x00, 0xFF, 0x13, 0xA5, 0x7E, 0x01 }, NakReason.Noise),
            _ => throw new ArgumentException(kind),
        };
        Send(transport, garbage);
        var nak = Expect(transport, parser);
        Assert.Equal(FrameType.Nak, nak.Type);
        Assert.Equal(reason, nak.Reason);
        Assert.Equal(expected, nak.Expected);

        Send(transport, good);
        var answer = Expect(transport, parser);
        Assert.Equal(FrameType.Ack, answer.Type);
        Assert.Equal(expected, answer.Seq);
        Assert.Equal(4 * (LinkCounters.Names.Count + 2), answer.Payload.Length);
    }

    /// <summary>
    /// READ_COUNTERS answers a snapshot: a retry after noise has moved the counters gets the
    /// stored answer byte for byte, and the next READ_COUNTERS counts exactly what happened since.
    /// </summary>
    [Fact]
    public void CountersRetriedAfterNoiseAreTheStoredSnapshot()
    {
        using var transport = SerialTransport.Open(fixture.Board.PortPath, 115200);
        var parser = new Answers();
        byte seq = (byte)Random.Shared.Next(256);
        Synchronize(transport, parser, seq);
        byte expected = (byte)(seq + 1);
        var counters = new Frame(FrameType.ReadCounters, expected, []).Encode();

        Send(transport, counters);
        var first = Expect(transport, parser);
        Assert.Equal(FrameType.Ack, first.Type);
        var noise = new byte[] { 0x00, 0xFF, 0x13, 0xA5, 0x7E };
        Assert.DoesNotContain(LinkProtocol.Sync, noise);
        Send(transport, noise);
        Assert.Equal(NakReason.Noise, Expect(transport, parser).Reason);

        Send(transport, counters);
        var retried = Expect(transport, parser);
        Assert.Equal(expected, retried.Seq);
        Assert.Equal(first.Payload, retried.Payload);

        Send(transport, new Frame(FrameType.ReadCounters, (byte)(expected + 1), []).Encode());
        var next = Expect(transport, parser);
        uint Grew(string name)
        {
            int at = 4 * LinkCounters.Names.ToList().IndexOf(name);
            return BinaryPrimitives.ReadUInt32LittleEndian(next.Payload.AsSpan(at)) - BinaryPrimitives.ReadUInt32LittleEndian(first.Payload.AsSpan(at));
        }
        Assert.Equal((uint)noise.Length, Grew("noise_bytes"));
        Assert.Equal(1u, Grew("naks_sent"));
        Assert.Equal(1u, Grew("duplicates"));
        Assert.Equal(1u, Grew("frames_applied"));
        Assert.Equal(first.Payload[(4 * LinkCounters.Names.Count)..], next.Payload[(4 * LinkCounters.Names.Count)..]);
    }

    /// <summary>IDENTIFY (harmless to repeat) until answered: a session's first bytes may meet the last session's flush.</summary>
    private static void Synchronize(ILinkTransport transport, Answers answers, byte seq)
    {
        for (int attempt = 0; attempt < 10; attempt++)
        {
            Send(transport, new Frame(FrameType.Identify, seq, []).Encode());
            if (TryExpect(transport, answers, TimeSpan.FromSeconds(2)) is { } answer)
            {
                Assert.Equal(FrameType.Ack, answer.Type);
                Assert.Equal(seq, answer.Seq);
                // An earlier copy may be answered late: let its answer arrive and drop it.
                if (attempt > 0) TryExpect(transport, answers, TimeSpan.FromSeconds(2));
                answers.Frames.Clear();
                return;
            }
        }
        throw new TimeoutException("the board answered none of 10 IDENTIFY frames");
    }

    private static byte[] Flip(byte[] frame, int index)
    {
        var copy = frame.ToArray();
        copy[index] ^= 0x10;
        return copy;
    }

    private static byte[] Header(FrameType type, byte seq, int length)
    {
        var header = new byte[5];
        header[0] = LinkProtocol.Sync;
        header[1] = (byte)type;
        header[2] = seq;
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(3), (ushort)length);
        return header;
    }

    private static void Send(ILinkTransport transport, byte[] bytes) => transport.Write(bytes, CancellationToken.None);

    private static Frame Expect(ILinkTransport transport, Answers answers) =>
        TryExpect(transport, answers, Patience) ?? throw new TimeoutException($"no answer from the board within {Patience.TotalSeconds} s");

    private static Frame? TryExpect(ILinkTransport transport, Answers answers, TimeSpan patience)
    {
        var buffer = new byte[1024];
        var clock = Stopwatch.StartNew();
        while (answers.Frames.Count == 0 && clock.Elapsed < patience)
        {
            int got = transport.Read(buffer, TimeSpan.FromMilliseconds(100), CancellationToken.None);
            foreach (var frame in answers.Parser.Feed(buffer.AsSpan(0, got))) answers.Frames.Enqueue(frame);
        }
        return answers.Frames.Count > 0 ? answers.Frames.Dequeue() : null;
    }

    private sealed class Answers
    {
        public FrameParser Parser { get; } = new();
        public Queue<Frame> Frames { get; } = new();
    }
}
