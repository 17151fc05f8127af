using BenchmarkDotNet.Attributes;
using Fpga.Perf;

namespace Fpga.Benchmarks;

/// <summary>One matrix-vector product: float32 (the baseline) against XNOR-popcount at kw = ka = Bits, with and without quantizing the vector.</summary>
public class MatVecBenchmarks
{
    private MatVecFixture _fixture = null!;

    [Params(1024, 4096)]
    public int Rows { get; set; }

    [Params(1, 2, 3)]
    public int Bits { get; set; }

    [GlobalSetup]
    public void Setup() => _fixture = new MatVecFixture(Rows, 1024, Bits, Environment.ProcessorCount);

    [Benchmark(Baseline = true)]
    public void Float32() => _fixture.Float();

    [Benchmark]
    public void Xnor() => _fixture.Xnor();

    [Benchmark]
    public void XnorWithQuantization() => _fixture.XnorWithQuantization();
}
