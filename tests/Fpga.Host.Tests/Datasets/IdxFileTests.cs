using System.IO.Compression;
using Fpga.Host.Datasets;
using Fpga.Host.Tests.Support;

namespace Fpga.Host.Tests.Datasets;

public sealed class IdxFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static byte[] Idx(byte type, int[] shape, byte[] data)
    {
        var bytes = new List<byte> { 0, 0, type, (byte)shape.Length };
        foreach (var d in shape) bytes.AddRange([(byte)(d >> 24), (byte)(d >> 16), (byte)(d >> 8), (byte)d]);
        bytes.AddRange(data);
        return bytes.ToArray();
    }

    private string Gzip(string name, byte[] bytes)
    {
        string path = _dir.File(name);
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(bytes);
        return path;
    }

    [Fact]
    public void ReadsGzippedAndPlainFiles()
    {
        var data = Enumerable.Range(0, 2 * 3 * 4).Select(i => (byte)i).ToArray();
        var (shape, values) = IdxFile.Read(Gzip("a.gz", Idx(8, [2, 3, 4], data)));
        Assert.Equal([2, 3, 4], shape);
        Assert.Equal(data, values);
        string plain = _dir.File("b.idx");
        File.WriteAllBytes(plain, Idx(8, [5], [1, 2, 3, 4, 5]));
        Assert.Equal([1, 2, 3, 4, 5], IdxFile.Read(plain).Data);
    }

    [Fact]
    public void NamesTheProblemWithABadFile()
    {
        ErrorAssert.Names(() => IdxFile.Read(Gzip("t.gz", Idx(8, [2, 2], [1, 2, 3]))), "t.gz", "truncated", "4 bytes");
        ErrorAssert.Names(() => IdxFile.Read(Gzip("f.gz", Idx(0x0d, [1], [0, 0, 0, 0]))), "f.gz", "0x0d", "unsigned bytes");
        ErrorAssert.Names(() => IdxFile.Read(Gzip("m.gz", [1, 2, 3, 4, 5])), "m.gz", "not an IDX file");
        ErrorAssert.Names(() => IdxFile.Read(Gzip("x.gz", Idx(8, [2], [1, 2, 3]))), "x.gz", "past the 2");
        ErrorAssert.Names(() => IdxFile.Read(_dir.File("none.gz")), "none.gz", "no such file");
    }

    [Fact]
    public void PairsImagesWithLabelsAndScalesPixels()
    {
        var pixels = Enumerable.Range(0, 2 * 28 * 28).Select(i => (byte)(i % 256)).ToArray();
        string images = Gzip("i.gz", Idx(8, [2, 28, 28], pixels));
        var set = FashionMnist.FromIdx(images, Gzip("l.gz", Idx(8, [2], [3, 9])));
        Assert.Equal(2, set.Count);
        Assert.Equal([3, 9], set.Labels);
        Assert.Equal(255 / 255f, set.Image(0)[255]);
        Assert.Equal(784 % 256 / 255f, set.Image(1)[0]);
        ErrorAssert.Names(() => FashionMnist.FromIdx(images, Gzip("l3.gz", Idx(8, [3], [1, 2, 3]))), "l3.gz", "3 labels for 2 images");
        ErrorAssert.Names(() => FashionMnist.FromIdx(images, Gzip("l10.gz", Idx(8, [2], [1, 10]))), "l10.gz", "label 10 of item 1");
        ErrorAssert.Names(() => FashionMnist.FromIdx(Gzip("s.gz", Idx(8, [1, 4, 4], new byte[16])), Gzip("l1.gz", Idx(8, [1], [0]))), "s.gz", "[n, 28, 28]");
    }

    [Fact]
    public void AMissingDatasetSaysWhichCommandInstallsIt()
    {
        ErrorAssert.Names(() => FashionMnist.Test(_dir.File("nowhere")), "Fashion-MNIST is not installed", "make datasets");
        ErrorAssert.Names(() => BrownCorpus.Load(_dir.File("nowhere")), "Brown corpus is not installed", "make datasets");
    }
}
