using Fpga.Host.Datasets;

namespace Fpga.Host.Training;

/// <summary>Turns images into sequence batches that read one pixel row per step (28 steps of 28 features for Fashion-MNIST).</summary>
public static class ImageBatches
{
    public static SequenceBatch Build(ImageSet images, ReadOnlySpan<int> indices)
    {
        int batch = indices.Length, steps = images.Rows, width = images.Cols;
        var features = new float[steps * batch * width];
        var targets = new int[batch];
        for (int b = 0; b < batch; b++)
        {
            var image = images.Image(indices[b]);
            for (int t = 0; t < steps; t++) image.Slice(t * width, width).CopyTo(features.AsSpan((t * batch + b) * width, width));
            targets[b] = images.Labels[indices[b]];
        }
        return new SequenceBatch(batch, steps, features, null, targets);
    }
}
