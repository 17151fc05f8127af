using System.IO.Compression;
using Fpga.Host.Formats;
using Fpga.Host.Formats.Numpy;
using Fpga.Host.Tests.Support;

namespace Fpga.Host.Tests.Formats;

public sealed class NpzTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void StoredAndCompressedArchivesRoundTripInOrder(bool compress)
    {
        var tensors = new[]
        {
            TestTensors.Of(TensorDType.F32, "lstm/lstm_cell/kernel:0", 5, 16),
            TestTensors.Of(TensorDType.I64, "b_second", 3),
            TestTensors.Of(TensorDType.U8, "a_third", 2, 2),
        };
        string path = _dir.File("w.npz");
        NpzWriter.Write(path, tensors, compress);
        var read = NpzReader.Read(path);
        Assert.Equal(tensors.Length, read.Tensors.Count);
        for (int i = 0; i < tensors.Length; i++) TestTensors.Equal(tensors[i], read.Tensors[i]);
    }

    [Fact]
    public void ReadsNumpySavezFixture()
    {
        var archive = NpzReader.Read(Fixtures.Path("lstm2_head.state_dict.npz"));
        Assert.Equal([24, 4], archive.Require("model.rnn.weight_ih_l0").Shape);
        Assert.Equal([2, 6], archive.Require("model.head.weight").Shape);
    }

    [Fact]
    public void TruncatedArchiveIsRejected()
    {
        string path = _dir.File("cut.npz");
        var bytes = File.ReadAllBytes(Fixtures.Path("lstm1_linear.state_dict.npz"));
        File.WriteAllBytes(path, bytes.AsSpan(0, bytes.Length / 2).ToArray());
        ErrorAssert.Names(() => NpzReader.Read(path), path, "not a readable .npz");
    }

    [Fact]
    public void CorruptedEntryNamesTheTensor()
    {
        string path = _dir.File("bad.npz");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            using var stream = zip.CreateEntry("weights.npy", CompressionLevel.NoCompression).Open();
            // A valid magic and version whose header claims 200 bytes the entry does not hold.
            stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, 200, 0, (byte)'{']);
        }
        ErrorAssert.Names(() => NpzReader.Read(path), path, "'weights'", "runs past the end");
    }

    [Fact]
    public void EntriesThatAreNotArraysAreRejected()
    {
        string path = _dir.File("extra.npz");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            using var stream = zip.CreateEntry("readme.txt").Open();
            stream.Write("hello"u8);
        }
        ErrorAssert.Names(() => NpzReader.Read(path), path, "'readme.txt'", "not a .npy");
    }
}
