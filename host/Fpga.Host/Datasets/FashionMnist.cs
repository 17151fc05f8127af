using Fpga.Host.Diagnostics;

namespace Fpga.Host.Datasets;

/// <summary>
/// Fashion-MNIST (Zalando, 28x28 grey images of 10 clothing classes), 60,000 training and
/// 10,000 test images, as Debian's dataset-fashion-mnist package installs it (`make datasets`).
/// </summary>
public static class FashionMnist
{
    /// <summary>Where Debian's dataset-fashion-mnist package puts the gzipped IDX files.</summary>
    public const string DebianDirectory = "/usr/share/datasets/fashion-mnist";

    public const int Classes = 10;
    public const int Side = 28;

    public static readonly IReadOnlyList<string> ClassNames =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    public static ImageSet Train(string? directory = null) => Load(directory ?? DebianDirectory, "train", 60_000);

    public static ImageSet Test(string? directory = null) => Load(directory ?? DebianDirectory, "t10k", 10_000);

    private static ImageSet Load(string directory, string prefix, int expected)
    {
        string images = Path.Combine(directory, $"{prefix}-images-idx3-ubyte.gz");
        string labels = Path.Combine(directory, $"{prefix}-labels-idx1-ubyte.gz");
        if (!File.Exists(images) || !File.Exists(labels))
            throw new FpgaException($"Fashion-MNIST is not installed ({images} is missing); run `make datasets` (Debian package dataset-fashion-mnist)");
        return FromIdx(images, labels, expected);
    }

    /// <summary>Pairs an image and a label IDX file; both must hold <paramref name="expected"/> 28x28 items.</summary>
    public static ImageSet FromIdx(string imagesPath, string labelsPath, int? expected = null)
    {
        var (shape, pixels) = IdxFile.Read(imagesPath);
        if (shape.Length != 3 || shape[1] != Side || shape[2] != Side)
            throw new FpgaException($"{imagesPath}: expected [n, {Side}, {Side}] images, got [{string.Join(", ", shape)}]");
        var (labelShape, labels) = IdxFile.Read(labelsPath);
        if (labelShape.Length != 1) throw new FpgaException($"{labelsPath}: expected [n] labels, got [{string.Join(", ", labelShape)}]");
        if (labelShape[0] != shape[0]) throw new FpgaException($"{labelsPath}: {labelShape[0]} labels for {shape[0]} images in {imagesPath}");
        if (expected is { } n && shape[0] != n) throw new FpgaException($"{imagesPath}: {shape[0]} images, Fashion-MNIST has {n}");
        int bad = Array.FindIndex(labels, l => l >= Classes);
        if (bad >= 0) throw new FpgaException($"{labelsPath}: label {labels[bad]} of item {bad} is not a class 0..{Classes - 1}");
        var scaled = new float[pixels.Length];
        for (int i = 0; i < pixels.Length; i++) scaled[i] = pixels[i] / 255f;
        return new ImageSet(scaled, labels, Side, Side, Classes);
    }
}
