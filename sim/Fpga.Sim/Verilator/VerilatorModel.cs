namespace Fpga.Sim.Verilator;

/// <summary>A verilated harness binary for one design, ready to start any number of simulations.</summary>
public sealed class VerilatorModel
{
    internal VerilatorModel(string topModule, string hash, string binaryPath, WaveformFormat waveform, bool fromCache, TimeSpan buildTime)
    {
        TopModule = topModule;
        Hash = hash;
        BinaryPath = binaryPath;
        Waveform = waveform;
        FromCache = fromCache;
        BuildTime = buildTime;
    }

    public string TopModule { get; }

    /// <summary>The cache key; equal hashes mean identical inputs and an identical binary.</summary>
    public string Hash { get; }

    public string BinaryPath { get; }

    public WaveformFormat Waveform { get; }

    /// <summary>True when an earlier build (from any process) was reused.</summary>
    public bool FromCache { get; }

    /// <summary>Wall time of this call: the Verilator and g++ build, or the cache lookup.</summary>
    public TimeSpan BuildTime { get; }

    public VerilatorSimulation Start(SimulationOptions? options = null) => VerilatorSimulation.Start(this, options);
}
