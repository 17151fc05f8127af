namespace Fpga.Gen.Cores.Link;

/// <summary>
/// The link's own counters, in the order READ_COUNTERS reports them (before the accelerator's).
/// Each is 32 bits, counted since reset, wrapping.
/// </summary>
public static class LinkCounters
{
    public static readonly IReadOnlyList<string> Names =
    [
        "frames_applied",   // frames executed (a duplicate is not executed again)
        "naks_sent",
        "duplicates",       // frames seen again (retries) and answered without executing
        "noise_bytes",      // bytes outside any frame
        "frames_dropped",   // frames thrown away unanswered: both buffers taken, or a gap already reported
        "uart_frame_errors",
        "uart_overruns",
    ];
}
