namespace Fpga.Perf;

/// <summary>
/// What the suite measures and how long: threads for every engine (ours, the float baseline,
/// the peers), the hidden size and input size of the LSTM step, the matrix shapes, the bits,
/// steps per timed sequence, and the warm-up and rounds of each side-by-side measurement.
/// </summary>
public sealed record PerfSettings
{
    public int Threads { get; init; } = Environment.ProcessorCount;
    public int HiddenSize { get; init; } = 1024;
    public int InputSize { get; init; } = 1024;
    public IReadOnlyList<(int Rows, int Cols)> MatrixShapes { get; init; } = [(1024, 1024), (4096, 1024)];
    public IReadOnlyList<int> Bits { get; init; } = [1, 2, 3];
    public int Steps { get; init; } = 16;
    public double WarmupSeconds { get; init; } = 1.0;
    public double SampleSeconds { get; init; } = 0.02;
    public int Rounds { get; init; } = 41;
    public int QuantizerMatrixSize { get; init; } = 4096;
    public bool Peers { get; init; } = true;
    /// <summary>Steps of the accelerator's Verilator bench; 0 skips the simulator figure.</summary>
    public int SimulatorSteps { get; init; } = 128;
    /// <summary>The accelerator whose simulation speed is measured: the default spec.</summary>
    public Fpga.Gen.Spec.AcceleratorSpec SimulatedSpec { get; init; } = new Fpga.Gen.Spec.AcceleratorSpec().Validate();

    /// <summary>A seconds-long run on small shapes: checks that every part of the suite works, not how fast.</summary>
    public static PerfSettings Quick(int threads) => new()
    {
        Threads = threads,
        HiddenSize = 64,
        InputSize = 32,
        MatrixShapes = [(256, 128)],
        Steps = 4,
        WarmupSeconds = 0.01,
        SampleSeconds = 0.001,
        Rounds = 3,
        QuantizerMatrixSize = 256,
        SimulatorSteps = 0,
    };
}
