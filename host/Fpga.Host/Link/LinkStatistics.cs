namespace Fpga.Host.Link;

/// <summary>What the link did: frames, retries, and how much of the line carried payload.</summary>
public sealed class LinkStatistics
{
    public long FramesSent { get; internal set; }
    public long FramesResent { get; internal set; }
    public long BytesSent { get; internal set; }
    public long PayloadBytesAcknowledged { get; internal set; }
    public long NaksReceived { get; internal set; }
    public long Timeouts { get; internal set; }
    public long AnswersReceived { get; internal set; }

    public override string ToString() =>
        $"{FramesSent} frames sent ({FramesResent} again), {BytesSent} bytes, {NaksReceived} NAKs, {Timeouts} timeouts";
}
