namespace Fpga.Host.Cpu;

/// <summary>How the CPU engine runs: which popcount path, and how many threads share rows (or sequences of a batch).</summary>
public sealed record CpuLstmOptions
{
    public PopcountIsa Isa { get; init; } = PopcountIsas.Best;
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Hidden units per thread below which a layer step is not split: a smaller part would not repay waking a worker.</summary>
    public int MinimumUnitsPerThread { get; init; } = 64;
}
