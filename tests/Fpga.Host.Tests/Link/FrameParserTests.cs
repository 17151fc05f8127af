using Fpga.Gen.Cores.Link;
using Fpga.Host.Link;

namespace Fpga.Host.Tests.Link;

/// <summary>The host's frame parser on damaged streams: good frames after garbage are found, and a damaged header never swallows the answers after it.</summary>
public sealed class FrameParserTests
{
    private static byte[] Nak(byte seq) => new Frame(FrameType.Nak, seq, [(byte)NakReason.Sequence, seq]).Encode();

    [Fact]
    public void FramesAfterNoiseAreFound()
    {
        var parser = new FrameParser();
        byte[] noise = [0x00, 0x13, 0xFF, LinkProtocol.Sync, 0x77];
        var frames = parser.Feed([.. noise, .. Nak(3), .. Nak(4)]).ToArray();
        Assert.Equal([3, 4], frames.Select(f => (int)f.Seq));
        Assert.True(parser.SkippedBytes >= noise.Length);
    }

    [Fact]
    public void AHeaderWithAFlippedLengthDoesNotSwallowTheNextAnswers()
    {
        // An ACK whose LEN was flipped from 0 to 0x0100: 256 payload bytes that never come.
        var damaged = new Frame(FrameType.Ack, 9, []).Encode();
        damaged[4] ^= 0x01;
        var parser = new FrameParser(maxPayload: 1024);
        Assert.Empty(parser.Feed(damaged));
        var frames = new List<Frame>();
        // Each answer after it arrives whole, one feed at a time, and comes out at once.
        foreach (byte seq in new byte[] { 10, 11, 12 })
        {
            frames.AddRange(parser.Feed(Nak(seq)));
            Assert.Equal(seq, frames[^1].Seq);
        }
        Assert.Equal(1, parser.BadFrames);
        Assert.Equal(0, parser.PendingBytes);
    }

    [Fact]
    public void AFrameArrivingInPiecesIsWaitedFor()
    {
        var frame = new Frame(FrameType.Ack, 5, [1, 2, 3, 4, 5, 6, 7, 8]).Encode();
        var parser = new FrameParser();
        Assert.Empty(parser.Feed(frame.AsSpan(0, 6)));
        Assert.Empty(parser.Feed(frame.AsSpan(6, 5)));
        var frames = parser.Feed(frame.AsSpan(11)).ToArray();
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], Assert.Single(frames).Payload);
        Assert.Equal(0, parser.BadFrames);
    }
}
