using Fpga.Host.Quantization;

namespace Fpga.Bench;

/// <summary>
/// Speed and accuracy of the quantizers. Goals, on two cores: a 4096x4096 matrix at 2 bits,
/// alternating, 2 cycles, under 0.5 s; a 1024-element activation vector at 2 bits under 5 us.
/// </summary>
internal static class QuantizerBenchmark
{
    private const int Size = 4096;
    private const int VectorLength = 1024;
    private const double MatrixGoalSeconds = 0.5;
    private const double VectorGoalMicroseconds = 5;

    public static void Run(TextWriter output)
    {
        output.WriteLine($"quantizers: {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        var matrix = GaussianMatrix.Create(Size * Size, seed: 2018);
        var alternating = new QuantizerOptions(QuantMethod.Alternating, Bits: 2, Cycles: 2);

        double matrixSeconds = Timing.MedianSeconds(() => Quantizer.QuantizeRows(matrix, Size, Size, alternating), warmupSeconds: 2, repetitions: 7);
        output.WriteLine($"  matrix {Size}x{Size}, alternating 2 bits 2 cycles: {matrixSeconds:F3} s (median of 7; goal < {MatrixGoalSeconds} s) {Verdict(matrixSeconds, MatrixGoalSeconds)}");

        var vector = matrix.AsSpan(0, VectorLength).ToArray();
        double vectorMicroseconds = 1e6 * Timing.MedianSecondsPerCall(() => Quantizer.QuantizeVector(vector, alternating), batch: 1000, warmupSeconds: 2, repetitions: 51);
        output.WriteLine($"  vector {VectorLength}, alternating 2 bits 2 cycles: {vectorMicroseconds:F2} us (median of 51 batches of 1000; goal < {VectorGoalMicroseconds} us) {Verdict(vectorMicroseconds, VectorGoalMicroseconds)}");

        output.WriteLine($"  relative error ||W - Wq||^2 / ||W||^2 on the {Size}x{Size} matrix:");
        output.WriteLine($"    {"bits",4} {"greedy",10} {"refined",10} {"alternating",12} {"bytes saved",12}");
        for (int bits = 2; bits <= 4; bits++)
        {
            var greedy = Quantizer.QuantizeRows(matrix, Size, Size, new QuantizerOptions(QuantMethod.Greedy, bits));
            var refined = Quantizer.QuantizeRows(matrix, Size, Size, new QuantizerOptions(QuantMethod.Refined, bits));
            var alternatingTensor = Quantizer.QuantizeRows(matrix, Size, Size, new QuantizerOptions(QuantMethod.Alternating, bits));
            output.WriteLine($"    {bits,4} {QuantizationError.Relative(matrix, greedy),10:F5} {QuantizationError.Relative(matrix, refined),10:F5} "
                + $"{QuantizationError.Relative(matrix, alternatingTensor),12:F5} {MemoryFootprint.Of(alternatingTensor).SavedFraction,12:P1}");
        }
    }

    private static string Verdict(double measured, double goal) => measured < goal ? "met" : "MISSED";
}
