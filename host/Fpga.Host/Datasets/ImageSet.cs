namespace Fpga.Host.Datasets;

/// <summary>
/// Labelled grey-scale images, pixels scaled to [0, 1]: image n is Pixels[n*Rows*Cols ..], row-major.
/// A sequence model reads one row of Cols pixels per step, Rows steps per image.
/// </summary>
public sealed record ImageSet
{
    public ImageSet(float[] pixels, byte[] labels, int rows, int cols, int classes)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(labels);
        if (pixels.Length != labels.Length * rows * cols)
            throw new ArgumentException($"{labels.Length} labels need {labels.Length * rows * cols} pixels, got {pixels.Length}", nameof(pixels));
        if (labels.Any(l => l >= classes)) throw new ArgumentException($"a label is outside 0..{classes - 1}", nameof(labels));
        Pixels = pixels;
        Labels = labels;
        Rows = rows;
        Cols = cols;
        Classes = classes;
    }

    public float[] Pixels { get; }
    public byte[] Labels { get; }
    public int Rows { get; }
    public int Cols { get; }
    public int Classes { get; }
    public int Count => Labels.Length;

    public ReadOnlySpan<float> Image(int n) => Pixels.AsSpan(n * Rows * Cols, Rows * Cols);

    /// <summary>The first <paramref name="count"/> images (or all of them).</summary>
    public ImageSet Take(int count)
    {
        count = Math.Min(count, Count);
        return new ImageSet(Pixels[..(count * Rows * Cols)], Labels[..count], Rows, Cols, Classes);
    }
}
