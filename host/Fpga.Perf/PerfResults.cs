using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fpga.Perf;

/// <summary>Where and how the figures were measured.</summary>
/// <param name="LoadAverage">The 1-minute load average when the run started (Linux), for judging how shared the machine was; null elsewhere.</param>
public sealed record MachineInfo(int Cores, int Threads, string Isa, string Runtime, string Os, DateTimeOffset When, double? LoadAverage, string Note);

/// <summary>One matrix-vector product at kw = ka = <see cref="Bits"/>, times per product.</summary>
public sealed record MatVecResult(int Rows, int Cols, int Bits, double FloatMicroseconds, double XnorMicroseconds, double XnorWithQuantizationMicroseconds,
    long FloatBytes, long PackedBytes)
{
    public double Speedup => FloatMicroseconds / XnorMicroseconds;
    public double SpeedupWithQuantization => FloatMicroseconds / XnorWithQuantizationMicroseconds;
    public double MemoryRatio => (double)FloatBytes / PackedBytes;
}

/// <summary>One engine's time per LSTM step; <see cref="Bits"/> is kw = ka for the quantized ones.</summary>
public sealed record StepResult(string Engine, int? Bits, double MicrosecondsPerStep, double SpeedupOverFloat);

/// <summary>Weights of the step's layer as float32 and as the engine packs them.</summary>
public sealed record MemoryResult(int Bits, long FloatBytes, long PackedBytes)
{
    public double Ratio => (double)FloatBytes / PackedBytes;
}

public sealed record LstmStepResults(int InputSize, int HiddenSize, int Steps, IReadOnlyList<StepResult> Engines, IReadOnlyList<MemoryResult> Memory);

/// <summary>The quantizers' throughput: an N x N matrix (alternating, 2 bits, 2 cycles) and a 1024-element activation vector.</summary>
public sealed record QuantizerResult(int MatrixSize, double MatrixSeconds, int VectorLength, double VectorMicroseconds);

/// <summary>Whether a peer ran, and its version or why not.</summary>
public sealed record PeerStatus(string Name, bool Available, string Detail);

public sealed record PerfResults(MachineInfo Machine, IReadOnlyList<MatVecResult> MatVec, LstmStepResults Step, QuantizerResult Quantizers, IReadOnlyList<PeerStatus> Peers,
    SimulationSpeedResult? Simulation = null)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
