using Fpga.Host.Models;
using Fpga.Host.Quantization;

namespace Fpga.Perf;

/// <summary>The quantizers as tests/Fpga.Bench measures them: a matrix row by row in parallel, and one activation vector.</summary>
public static class QuantizerThroughput
{
    private const int VectorLength = 1024;

    public static QuantizerResult Measure(int size, PerfSettings settings)
    {
        var matrix = RandomLstmModel.Inputs(1, size, size, seed: 2018).Values!;
        var vector = matrix.AsSpan(0, Math.Min(VectorLength, matrix.Length)).ToArray();
        var options = new QuantizerOptions(QuantMethod.Alternating, Bits: 2, Cycles: 2);
        var matrixTimes = SideBySide.MedianSeconds([new Candidate("matrix", () => Quantizer.QuantizeRows(matrix, size, size, options))],
            settings.WarmupSeconds, Math.Max(3, settings.Rounds / 8));
        void Vector() => Quantizer.QuantizeVector(vector, options);
        var vectorTimes = SideBySide.MedianSeconds([SideBySide.Repeated("vector", Vector, SideBySide.RepetitionsFor(Vector, settings.SampleSeconds))],
            settings.WarmupSeconds, settings.Rounds);
        return new QuantizerResult(size, matrixTimes["matrix"], vector.Length, vectorTimes["vector"] * 1e6);
    }
}
