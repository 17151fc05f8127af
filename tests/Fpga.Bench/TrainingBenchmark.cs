using Fpga.Host.Quantization;
using Fpga.Host.Training;

namespace Fpga.Bench;

/// <summary>
/// Training throughput on synthetic batches of the shipped models' shapes (no dataset needed):
/// the BLAS product itself, the Fashion-MNIST row classifier (float and 2/2 quantization-aware),
/// and the Brown word-level language model. Each figure is forward + backward + optimizer step.
/// </summary>
internal static class TrainingBenchmark
{
    public static void Run(TextWriter output)
    {
        output.WriteLine($"training throughput, {Environment.ProcessorCount} cores");
        const int n = 1024;
        var a = GaussianMatrix.Create(n * n, seed: 1);
        var b = GaussianMatrix.Create(n * n, seed: 2);
        var c = new float[n * n];
        double gemm = Timing.MedianSeconds(() => Blas.Gemm(a, false, b, false, c, n, n, n), 1.0, 5);
        output.WriteLine($"sgemm {n}x{n}x{n}: {2.0 * n * n * n / gemm / 1e9:F1} GFLOPS");

        var classifier = LstmNetwork.Create(new NetworkShape(28, 128, 1, 10), seed: 3);
        var images = Features(128, 28, 28, 10, seed: 4);
        Report(output, "fashion-mnist 1x128 float, batch 128", classifier, images, OutputMode.LastStep, QuantizationAware.None, 128, 28);
        var w2a2 = new QuantizationAware(new QuantizerOptions(QuantMethod.Alternating, 2), new QuantizerOptions(QuantMethod.Alternating, 2));
        Report(output, "fashion-mnist 1x128 W2/A2 alternating STE", classifier, images, OutputMode.LastStep, w2a2, 128, 28);

        var language = LstmNetwork.Create(new NetworkShape(300, 300, 1, 10002, VocabularySize: 10002), seed: 5);
        var random = new Random(6);
        var tokens = new SequenceBatch(20, 35, null, Enumerable.Range(0, 700).Select(_ => random.Next(10002)).ToArray(),
            Enumerable.Range(0, 700).Select(_ => random.Next(10002)).ToArray());
        Report(output, "brown LM 1x300, vocabulary 10002, batch 20 x 35", language, tokens, OutputMode.EveryStep, QuantizationAware.None, 20, 35);
    }

    private static void Report(TextWriter output, string name, LstmNetwork network, SequenceBatch batch, OutputMode mode, QuantizationAware quantization, int sequences, int steps)
    {
        var pass = new NetworkPass(network, batch.Batch, batch.Steps, mode);
        var optimizer = new AdamOptimizer(network.Parameters.ToArray(), 1e-4f, 5f);
        double seconds = Timing.MedianSeconds(() =>
        {
            pass.Forward(batch, quantization);
            pass.Backward();
            optimizer.Step();
        }, 2.0, 5);
        output.WriteLine($"{name}: {sequences / seconds:F0} samples/s, {sequences * steps / seconds:F0} tokens (steps)/s");
    }

    private static SequenceBatch Features(int batch, int steps, int features, int classes, int seed)
    {
        var random = new Random(seed);
        return new SequenceBatch(batch, steps, Enumerable.Range(0, batch * steps * features).Select(_ => random.NextSingle()).ToArray(), null,
            Enumerable.Range(0, batch).Select(_ => random.Next(classes)).ToArray());
    }
}
