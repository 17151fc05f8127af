using System.Numerics;

namespace Fpga.Host.Testbench;

/// <summary>
/// The contents of a bench's vector files: image writes, input entries, expected output
/// beats (bit patterns), and the sink's ready pattern.
/// </summary>
public sealed record BenchVectors(IReadOnlyList<BigInteger> Image, IReadOnlyList<BigInteger> Input, IReadOnlyList<BigInteger> Expected,
    IReadOnlyList<bool> Ready, int Steps)
{
    /// <summary>
    /// A ready pattern from a seed: ready with probability 1 - stall, never all stalls (the
    /// first entry is always ready). Back-pressure comes from the host, not from $random.
    /// </summary>
    public static IReadOnlyList<bool> ReadyPattern(int length, double stall, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        if (stall is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(stall), stall, "a stall probability is in [0, 1)");
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(i => i == 0 || random.NextDouble() >= stall).ToArray();
    }
}
