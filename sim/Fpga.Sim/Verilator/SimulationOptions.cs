namespace Fpga.Sim.Verilator;

/// <summary>How to run one simulation of a <see cref="VerilatorModel"/>.</summary>
public sealed class SimulationOptions
{
    /// <summary>The one-bit input that <see cref="VerilatorSimulation.Step"/> toggles. A design without it can still be set, evaluated and read.</summary>
    public string ClockPort { get; init; } = "clk";

    /// <summary>Write a waveform here; the model must have been built with a <see cref="WaveformFormat"/> other than None.</summary>
    public string? WaveformPath { get; init; }

    /// <summary>Plusargs for the design ($test$plusargs, $value$plusargs) and Verilator (+verilator+seed+N); each starts with '+'.</summary>
    public IReadOnlyList<string> PlusArgs { get; init; } = [];

    /// <summary>
    /// Longest wait for the harness to answer or accept commands. It bounds the simulation work
    /// queued before a read, so very long steps need a longer timeout.
    /// </summary>
    public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Cancelling kills the harness; the pending call throws <see cref="OperationCanceledException"/>.</summary>
    public CancellationToken Cancellation { get; init; }
}
