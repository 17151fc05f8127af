namespace Fpga.Host.Testbench;

/// <summary>
/// What a generated bench replays: sequences of steps of random inputs from a seed, under a
/// sink that stalls with the given probability. The defaults give 32 steps, the first of
/// each sequence starting from a zero state.
/// </summary>
public sealed record BenchOptions(int Sequences = 2, int Steps = 16, int Seed = 1, double Stall = 0.25, int ReadyPatternLength = 97)
{
    public BenchOptions Validate()
    {
        if (Sequences < 1) throw new Diagnostics.FpgaException($"a bench needs at least one sequence, not {Sequences}");
        if (Steps < 1) throw new Diagnostics.FpgaException($"a bench needs at least one step per sequence, not {Steps}");
        if (Stall is < 0 or >= 1) throw new Diagnostics.FpgaException($"the sink stall probability is in [0, 1), not {Stall}");
        return this;
    }
}
