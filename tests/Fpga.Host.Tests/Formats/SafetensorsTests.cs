using System.Buffers.Binary;
using System.Text;
using Fpga.Host.Formats;
using Fpga.Host.Formats.Safetensors;
using Fpga.Host.Tests.Support;

namespace Fpga.Host.Tests.Formats;

public sealed class SafetensorsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void EveryDtypeAndTheMetadataRoundTrip()
    {
        var tensors = Enum.GetValues<TensorDType>().Select((d, i) => TestTensors.Of(d, $"t.{d}", 2, i + 1)).ToList();
        tensors.Add(TestTensors.Of(TensorDType.F32, "scalar"));
        tensors.Add(TestTensors.Of(TensorDType.F32, "empty", 0, 3));
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["note"] = "ünïcode \"quoted\"" };
        string path = _dir.File("all.safetensors");

        SafetensorsWriter.Write(path, new TensorArchive(path, tensors, metadata));
        var read = SafetensorsReader.Read(path);

        Assert.Equal(tensors.Count, read.Tensors.Count);
        for (int i = 0; i < tensors.Count; i++) TestTensors.Equal(tensors[i], read.Tensors[i]);
        Assert.Equal(metadata, read.Metadata);
    }

    [Fact]
    public void HeaderIsPaddedToEightBytes()
    {
        var bytes = SafetensorsWriter.Serialize(new TensorArchive("x", [TestTensors.Of(TensorDType.U8, "a", 3)]));
        Assert.Equal(0UL, BinaryPrimitives.ReadUInt64LittleEndian(bytes) % 8);
    }

    [Fact]
    public void ReadsTheFileWrittenByTheIndependentPythonWriter()
    {
        var archive = SafetensorsReader.Read(Fixtures.Path("lstm1_linear.safetensors"));
        var npz = Fpga.Host.Formats.Numpy.NpzReader.Read(Fixtures.Path("lstm1_linear.state_dict.npz"));

        Assert.Equal("pt", archive.Metadata["format"]);
        Assert.Equal(npz.Tensors.Select(t => t.Name), archive.Tensors.Select(t => t.Name));
        foreach (var tensor in npz.Tensors) TestTensors.Equal(tensor, archive.Require(tensor.Name));
    }

    [Fact]
    public void FileShorterThanTheLengthFieldIsTruncated()
    {
        string path = Write("short.safetensors", [1, 2, 3]);
        ErrorAssert.Names(() => SafetensorsReader.Read(path), path, "truncated");
    }

    [Fact]
    public void HeaderLengthPastTheEndOfFileIsRejected()
    {
        var good = SafetensorsWriter.Serialize(new TensorArchive("x", [TestTensors.Of(TensorDType.F32, "w", 4)]));
        string path = Write("cut.safetensors", good.AsSpan(0, 20).ToArray());
        ErrorAssert.Names(() => SafetensorsReader.Read(path), path, "runs past the end");
    }

    [Fact]
    public void TruncatedDataSectionNamesTheTensor()
    {
        var good = SafetensorsWriter.Serialize(new TensorArchive("x", [TestTensors.Of(TensorDType.F32, "weight_ih_l0", 4, 3)]));
        string path = Write("cut.safetensors", good.AsSpan(0, good.Length - 5).ToArray());
        ErrorAssert.Names(() => SafetensorsReader.Read(path), path, "'weight_ih_l0'", "past the");
    }

    [Fact]
    public void UnknownDtypeNamesTheTensorAndTheDtype()
    {
        string path = WithHeader("dtype.safetensors", """{"w":{"dtype":"F8_E4M3","shape":[2],"data_offsets":[0,2]}}""", 2);
        ErrorAssert.Names(() => SafetensorsReader.Read(path), path, "'w'", "unknown dtype 'F8_E4M3'");
    }

    [Fact]
    public void OverlappingOffsetsAreRejected()
    {
        string path = WithHeader("overlap.safetensors",
            """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}""", 12);
        ErrorAssert.Names(() => SafetensorsReader.Read(path), path, "'b'", "overlap", "'a'");
    }

    [Fact]
    public void OffsetsThatDisagreeWithTheShapeAreRejected()
    {
        string path = WithHeader("size.safetensors", """{"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}""", 8);
        ErrorAssert.Names(() => SafetensorsReader.Read(path), path, "'w'", "needs 12 bytes");
    }

    [Fact]
    public void ReversedOffsetsAreRejected()
    {
        string path = WithHeader("reversed.safetensors", """{"w":{"dtype":"U8","shape":[0],"data_offsets":[4,0]}}""", 4);
        ErrorAssert.Names(() => SafetensorsReader.Read(path), path, "'w'", "end before they begin");
    }

    [Fact]
    public void CorruptedJsonIsRejected()
    {
        string path = WithHeader("json.safetensors", """{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]""", 4);
        ErrorAssert.Names(() => SafetensorsReader.Read(path), path, "not valid JSON");
    }

    [Fact]
    public void NonStringMetadataIsRejected()
    {
        string path = WithHeader("meta.safetensors", """{"__metadata__":{"layers":2}}""", 0);
        ErrorAssert.Names(() => SafetensorsReader.Read(path), path, "'layers'", "not a string");
    }

    [Fact]
    public void DuplicateTensorNamesAreRejected()
    {
        string path = WithHeader("dup.safetensors",
            """{"w":{"dtype":"U8","shape":[1],"data_offsets":[0,1]},"w":{"dtype":"U8","shape":[1],"data_offsets":[1,2]}}""", 2);
        ErrorAssert.Names(() => SafetensorsReader.Read(path), path, "'w'", "twice");
    }

    [Fact]
    public void NegativeShapeIsRejected()
    {
        string path = WithHeader("neg.safetensors", """{"w":{"dtype":"U8","shape":[-1],"data_offsets":[0,1]}}""", 1);
        ErrorAssert.Names(() => SafetensorsReader.Read(path), path, "'w'", "shape");
    }

    [Fact]
    public void MissingFileIsAUserError()
    {
        string path = _dir.File("absent.safetensors");
        ErrorAssert.Names(() => SafetensorsReader.Read(path), path, "cannot read");
    }

    private string WithHeader(string name, string json, int dataBytes)
    {
        var header = Encoding.UTF8.GetBytes(json);
        var file = new byte[8 + header.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)header.Length);
        header.CopyTo(file, 8);
        return Write(name, file);
    }

    private string Write(string name, byte[] bytes)
    {
        string path = _dir.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
