using System.Buffers.Binary;
using System.Text;
using Fpga.Host.Formats;
using Fpga.Host.Formats.Numpy;
using Fpga.Host.Tests.Support;

namespace Fpga.Host.Tests.Formats;

public sealed class NpyTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<TensorDType> NumpyDtypes => new(Enum.GetValues<TensorDType>().Where(d => d != TensorDType.BF16));

    [Theory]
    [MemberData(nameof(NumpyDtypes))]
    public void EveryNumpyDtypeRoundTrips(TensorDType dtype)
    {
        var tensor = TestTensors.Of(dtype, "values", 3, 2, 5);
        string path = _dir.File("values.npy");
        NpyWriter.Write(path, tensor);
        TestTensors.Equal(tensor, NpyReader.Read(path));
    }

    [Fact]
    public void HeaderIsPaddedSoDataStartsOnA64ByteBoundary()
    {
        var bytes = NpyWriter.Serialize(TestTensors.Of(TensorDType.F32, "x", 7));
        int headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        Assert.Equal(0, (10 + headerLength) % 64);
        Assert.Equal((byte)'\n', bytes[10 + headerLength - 1]);
    }

    [Fact]
    public void ScalarsAndOneDimensionalShapesUseNumpyTupleSyntax()
    {
        var bytes = NpyWriter.Serialize(TestTensors.Of(TensorDType.I64, "x", 4));
        Assert.Contains("'shape': (4,)", Encoding.Latin1.GetString(bytes));
        var scalar = TestTensors.Of(TensorDType.F64, "s");
        TestTensors.Equal(scalar, NpyReader.Parse(NpyWriter.Serialize(scalar), "s.npy", "s"));
    }

    [Fact]
    public void ReadsNumpyWrittenFixture()
    {
        var tensor = NpyReader.Read(Fixtures.Path("lstm1_linear.input.npy"));
        Assert.Equal(TensorDType.F32, tensor.DType);
        Assert.Equal([2, 6, 5], tensor.Shape);
        Assert.Equal("lstm1_linear.input", tensor.Name);
        var tokens = NpyReader.Read(Fixtures.Path("embed_lstm.tokens.npy"));
        Assert.Equal(TensorDType.I64, tokens.DType);
        Assert.All(tokens.ToInt64(), t => Assert.InRange(t, 0, 10));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Version2And3HeadersAreRead(int version)
    {
        var data = new float[] { 1.5f, -2f, 3.25f, 4f, 5f, 6f };
        var file = Handmade(version, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", Floats(data));
        var tensor = NpyReader.Parse(file, "v.npy", "v");
        Assert.Equal([2, 3], tensor.Shape);
        Assert.Equal(data, tensor.ToFloat32());
    }

    [Fact]
    public void FortranOrderIsTransposedToCOrder()
    {
        // Column-major [[1, 2, 3], [4, 5, 6]] is stored 1, 4, 2, 5, 3, 6.
        var file = Handmade(1, "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }", Doubles([1, 4, 2, 5, 3, 6]));
        var tensor = NpyReader.Parse(file, "f.npy", "f");
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, tensor.ToFloat32());
    }

    [Fact]
    public void FortranOrderIn3DMatchesCOrderIndexing()
    {
        // Element (i, j, k) of a [2, 3, 4] array holds 100i + 10j + k; Fortran order stores i fastest.
        var column = new List<double>();
        for (int k = 0; k < 4; k++) for (int j = 0; j < 3; j++) for (int i = 0; i < 2; i++) column.Add(100 * i + 10 * j + k);
        var file = Handmade(1, "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3, 4), }", Doubles(column.ToArray()));
        var values = NpyReader.Parse(file, "f.npy", "f").ToFloat32();
        for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 4; k++) Assert.Equal(100 * i + 10 * j + k, values[(i * 3 + j) * 4 + k]);
    }

    [Fact]
    public void BigEndianIsRejectedClearly()
    {
        var file = Handmade(1, "{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", new byte[4]);
        ErrorAssert.Names(() => NpyReader.Parse(file, "be.npy", "be"), "be.npy", "'be'", "big-endian");
    }

    [Fact]
    public void UnsupportedDtypeIsRejected()
    {
        var file = Handmade(1, "{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }", new byte[8]);
        ErrorAssert.Names(() => NpyReader.Parse(file, "c.npy", "c"), "c.npy", "'c'", "unsupported NumPy dtype '<c8'");
    }

    [Fact]
    public void StructuredDtypeIsRejected()
    {
        var file = Handmade(1, "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }", new byte[4]);
        ErrorAssert.Names(() => NpyReader.Parse(file, "s.npy", "s"), "s.npy", "structured");
    }

    [Fact]
    public void TruncatedDataNamesTheFileAndTensor()
    {
        string path = _dir.File("cut.npy");
        var bytes = NpyWriter.Serialize(TestTensors.Of(TensorDType.F32, "x", 10));
        File.WriteAllBytes(path, bytes.AsSpan(0, bytes.Length - 3).ToArray());
        ErrorAssert.Names(() => NpyReader.Read(path), path, "'cut'", "truncated");
    }

    [Fact]
    public void TruncatedHeaderIsRejected()
    {
        string path = _dir.File("head.npy");
        File.WriteAllBytes(path, NpyWriter.Serialize(TestTensors.Of(TensorDType.F32, "x", 10)).AsSpan(0, 40).ToArray());
        ErrorAssert.Names(() => NpyReader.Read(path), path, "runs past the end");
    }

    [Fact]
    public void MissingMagicIsRejected()
    {
        ErrorAssert.Names(() => NpyReader.Parse(Encoding.ASCII.GetBytes("this is not numpy"), "t.npy", "t"), "t.npy", "magic");
    }

    [Fact]
    public void GarbledHeaderIsRejected()
    {
        var file = Handmade(1, "{'descr': '<f4', 'fortran_order': Maybe, 'shape': (1,), }", new byte[4]);
        ErrorAssert.Names(() => NpyReader.Parse(file, "g.npy", "g"), "g.npy", "malformed .npy header");
    }

    [Fact]
    public void Bfloat16CannotBeWrittenAsNpy()
    {
        ErrorAssert.Names(() => NpyWriter.Serialize(TestTensors.Of(TensorDType.BF16, "b", 2)), "'b'", "BF16");
    }

    private static byte[] Handmade(int version, string header, byte[] data)
    {
        var text = Encoding.UTF8.GetBytes(header + "\n");
        var stream = new MemoryStream();
        stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', (byte)version, 0]);
        var length = new byte[4];
        if (version == 1)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)text.Length);
            stream.Write(length, 0, 2);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)text.Length);
            stream.Write(length);
        }
        stream.Write(text);
        stream.Write(data);
        return stream.ToArray();
    }

    private static byte[] Floats(float[] values) => TensorData.FromFloat32("f", [values.Length], values).Bytes;

    private static byte[] Doubles(double[] values)
    {
        var bytes = new byte[values.Length * 8];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 8), values[i]);
        return bytes;
    }
}
