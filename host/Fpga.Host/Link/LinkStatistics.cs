namespace Fpga.Host.Link;

/// <summary>What the link did: frames, retries, and how much of the line carried payload.</summary>
public sealed class LinkStatistics
{
    public long FramesSent { get; internal set; }
    public long FramesResent { get; internal set; }
    public long BytesSent { get; internal set; }
    public long BytesReceived { get; internal set; }
    public long PayloadBytesAcknowledged { get; internal set; }
    public long NaksReceived { get; internal set; }
    public long Timeouts { get; internal set; }
    public long AnswersReceived { get; internal set; }

    /// <summary>Times the port was closed and opened again after a long silence.</summary>
    public long Reopens { get; internal set; }

    /// <summary>A copy of the figures now, to subtract from later ones.</summary>
    public LinkStatistics Snapshot() => (LinkStatistics)MemberwiseClone();

    /// <summary>What happened since <paramref name="earlier"/>.</summary>
    public LinkStatistics Since(LinkStatistics earlier) => new()
    {
        FramesSent = FramesSent - earlier.FramesSent,
        FramesResent = FramesResent - earlier.FramesResent,
        BytesSent = BytesSent - earlier.BytesSent,
        BytesReceived = BytesReceived - earlier.BytesReceived,
        PayloadBytesAcknowledged = PayloadBytesAcknowledged - earlier.PayloadBytesAcknowledged,
        NaksReceived = NaksReceived - earlier.NaksReceived,
        Timeouts = Timeouts - earlier.Timeouts,
        AnswersReceived = AnswersReceived - earlier.AnswersReceived,
        Reopens = Reopens - earlier.Reopens,
    };

    public override string ToString() =>
        $"{FramesSent} frames sent ({FramesResent} again), {BytesSent} bytes, {NaksReceived} NAKs, {Timeouts} timeouts, {Reopens} reopens";
}
