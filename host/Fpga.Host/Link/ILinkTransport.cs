namespace Fpga.Host.Link;

/// <summary>
/// A byte pipe to a board: a serial port, the simulator's pseudo-terminal (the same code),
/// or a wrapper that injects faults. Every call honours its timeout and the cancellation token.
/// </summary>
public interface ILinkTransport : IDisposable
{
    /// <summary>What the transport is connected to, for messages.</summary>
    string Name { get; }

    /// <summary>Writes every byte or throws <see cref="LinkException"/> (timeout, port gone).</summary>
    void Write(ReadOnlySpan<byte> data, CancellationToken cancellation);

    /// <summary>Reads what is available, waiting at most <paramref name="timeout"/>; 0 when nothing came.</summary>
    int Read(Span<byte> buffer, TimeSpan timeout, CancellationToken cancellation);
}
