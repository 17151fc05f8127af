namespace Fpga.Host.Link;

/// <summary>Faults per byte, each drawn independently in each direction.</summary>
public sealed record FaultRates(double Drop, double Duplicate, double Flip)
{
    public static readonly FaultRates None = new(0, 0, 0);
}

/// <summary>
/// Sits between the host and the board and damages the bytes that pass, both ways, at set
/// rates from a fixed seed: a byte may be dropped, sent twice, or have one bit flipped.
/// Each direction draws from its own generator, so the faults are a function of the bytes
/// sent that way, not of how reads and writes interleave in time. Counts what it did, so a
/// test can tell that faults really happened.
/// </summary>
public sealed class FaultInjectingTransport(ILinkTransport inner, FaultRates toBoard, FaultRates toHost, int seed) : ILinkTransport
{
    private readonly Random _toBoard = new(seed);
    private readonly Random _toHost = new(seed ^ 0x5A5A5A5A);
    private readonly object _gate = new();

    public string Name => $"{inner.Name} (with injected faults)";
    public long Dropped { get; private set; }
    public long Duplicated { get; private set; }
    public long Flipped { get; private set; }

    public void Write(ReadOnlySpan<byte> data, CancellationToken cancellation) => inner.Write(Damage(data, toBoard, _toBoard), cancellation);

    public int Read(Span<byte> buffer, TimeSpan timeout, CancellationToken cancellation)
    {
        // Half the room, so a duplicated byte still fits.
        var raw = new byte[Math.Max(1, buffer.Length / 2)];
        int got = inner.Read(raw, timeout, cancellation);
        var damaged = Damage(raw.AsSpan(0, got), toHost, _toHost);
        damaged.CopyTo(buffer);
        return damaged.Length;
    }

    private byte[] Damage(ReadOnlySpan<byte> data, FaultRates rates, Random random)
    {
        var output = new List<byte>(data.Length + 8);
        lock (_gate)
        {
            foreach (var original in data)
            {
                var b = original;
                if (random.NextDouble() < rates.Drop)
                {
                    Dropped++;
                    continue;
                }
                if (random.NextDouble() < rates.Flip)
                {
                    Flipped++;
                    b ^= (byte)(1 << random.Next(8));
                }
                output.Add(b);
                if (random.NextDouble() < rates.Duplicate)
                {
                    Duplicated++;
                    output.Add(b);
                }
            }
        }
        return output.ToArray();
    }

    public void Dispose() => inner.Dispose();
}
