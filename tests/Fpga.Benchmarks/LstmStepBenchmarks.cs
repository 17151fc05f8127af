using BenchmarkDotNet.Attributes;
using Fpga.Perf;
using Fpga.Perf.Peers;

namespace Fpga.Benchmarks;

/// <summary>
/// One LSTM layer, input 1024, hidden 1024, over a 16-step sequence (per operation: 16 steps):
/// float32 (the baseline), XNOR-popcount at kw = ka = Bits including online quantization of x
/// and re-quantization of h, and ONNX Runtime's float LSTM.
/// </summary>
public class LstmStepBenchmarks
{
    private const int Steps = 16;
    private LstmStepFixture _fixture = null!;
    private OrtLstm _ort = null!;

    [Params(1, 2, 3)]
    public int Bits { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _fixture = new LstmStepFixture(1024, 1024, Steps, [Bits], Environment.ProcessorCount);
        _ort = new OrtLstm(_fixture.Model, _fixture.Inputs, Steps, Environment.ProcessorCount);
    }

    [GlobalCleanup]
    public void Cleanup() => _ort.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Steps)]
    public void Float32() => _fixture.FloatSequence();

    [Benchmark(OperationsPerInvoke = Steps)]
    public void Xnor() => _fixture.XnorSequence(Bits);

    [Benchmark(OperationsPerInvoke = Steps)]
    public void OnnxRuntime() => _ort.RunSequence();
}
