namespace Fpga.Host.Link;

/// <summary>How patient the host is with the board.</summary>
public sealed record LinkClientOptions
{
    /// <summary>
    /// The least time without any progress before frames are sent again; round trips measured
    /// on the line and doubling after each silence (<see cref="RetryTimer"/>) stretch it.
    /// </summary>
    public TimeSpan AnswerTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Consecutive timeouts or refusals without progress before giving up.</summary>
    public int MaxRetries { get; init; } = 16;

    /// <summary>WRITE frames in flight before the first is acknowledged (go-back-N); at most 127.</summary>
    public int Window { get; init; } = 4;

    /// <summary>Payload bytes per WRITE frame; 0 means the most the board takes.</summary>
    public int WritePayload { get; init; }
}
