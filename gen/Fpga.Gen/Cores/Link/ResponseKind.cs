namespace Fpga.Gen.Cores.Link;

/// <summary>Where the command engine takes an answer's payload from.</summary>
internal enum ResponseKind
{
    Empty = 0,
    /// <summary>Two bytes: the reason, then the sequence number the board expects next.</summary>
    Nak = 1,
    /// <summary><see cref="LinkIdentity"/>: the design id port, then the identity ROM.</summary>
    Identify = 2,
    /// <summary>The output buffer: the output beats the last RUN collected, or the counters READ_COUNTERS copied there.</summary>
    Output = 3,
}
