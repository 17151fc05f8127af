using Fpga.Host.Datasets;

namespace Fpga.Host.Training;

/// <summary>Scores a sequence classifier on a whole image set, in fixed-size batches (no dropout).</summary>
public static class ClassifierEvaluation
{
    public const int BatchSize = 500;

    public static PassResult Run(LstmNetwork network, ImageSet images, QuantizationAware quantization)
    {
        var result = new PassResult();
        var passes = new Dictionary<int, NetworkPass>();
        var indices = Enumerable.Range(0, images.Count).ToArray();
        for (int start = 0; start < images.Count; start += BatchSize)
        {
            int size = Math.Min(BatchSize, images.Count - start);
            if (!passes.TryGetValue(size, out var pass)) passes[size] = pass = new NetworkPass(network, size, images.Rows, OutputMode.LastStep);
            result += pass.Forward(ImageBatches.Build(images, indices.AsSpan(start, size)), quantization);
        }
        return result;
    }
}
