using Fpga.Host.Formats;
using Fpga.Host.Formats.Safetensors;
using Fpga.Host.Quantization;
using Fpga.Host.Tests.Support;

namespace Fpga.Host.Tests.Quantization;

public sealed class QuantizedModelFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void EveryFieldRoundTrips()
    {
        var model = TestQuantizedModels.Full();
        string path = _dir.File("model.qlstm.safetensors");
        QuantizedModelWriter.Write(path, model);
        var read = QuantizedModelReader.Read(path);

        Assert.Equal(model.Embedding!.VocabularySize, read.Embedding!.VocabularySize);
        Assert.Equal(model.Embedding.Dimension, read.Embedding.Dimension);
        Assert.Equal(model.Embedding.Weights, read.Embedding.Weights);
        Assert.Equal(model.Layers.Count, read.Layers.Count);
        for (int l = 0; l < model.Layers.Count; l++)
        {
            AssertEqual(model.Layers[l].WeightIh, read.Layers[l].WeightIh);
            AssertEqual(model.Layers[l].WeightHh, read.Layers[l].WeightHh);
            Assert.Equal(model.Layers[l].BiasIh, read.Layers[l].BiasIh);
            Assert.Equal(model.Layers[l].BiasHh, read.Layers[l].BiasHh);
            Assert.Equal(model.Layers[l].Activations, read.Layers[l].Activations);
        }
        AssertEqual(model.Dense!.Weights, read.Dense!.Weights);
        Assert.Equal(model.Dense.Bias, read.Dense.Bias);
        Assert.Equal(model.Dense.Activations, read.Dense.Activations);
    }

    [Fact]
    public void ModelWithoutEmbeddingOrDenseRoundTrips()
    {
        string path = _dir.File("small.safetensors");
        QuantizedModelWriter.Write(path, TestQuantizedModels.Minimal());
        var read = QuantizedModelReader.Read(path);
        Assert.Null(read.Embedding);
        Assert.Null(read.Dense);
        AssertEqual(TestQuantizedModels.Minimal().Layers[0].WeightIh, read.Layers[0].WeightIh);
    }

    [Fact]
    public void MetadataNamesFormatVersionGateOrderMethodsAndBits()
    {
        var archive = QuantizedModelWriter.ToArchive(TestQuantizedModels.Full());
        Assert.Equal("fpga-quantized-lstm", archive.Metadata["format"]);
        Assert.Equal("1", archive.Metadata["format_version"]);
        Assert.Equal("i,f,g,o", archive.Metadata["gate_order"]);
        Assert.Equal("Greedy", archive.Metadata["lstm.0.weight_hh.method"]);
        Assert.Equal("3", archive.Metadata["lstm.0.weight_hh.bits"]);
        Assert.Equal("Uniform", archive.Metadata["lstm.0.activation.method"]);
        Assert.Equal("4", archive.Metadata["lstm.0.activation.bits"]);
        Assert.Equal([280, 3, 16], archive.Require("lstm.0.weight_hh.planes").Shape);
        Assert.Equal(TensorDType.U8, archive.Require("lstm.0.weight_hh.planes").DType);
    }

    [Fact]
    public void PlaneBytesAreLittleEndianColumnBits()
    {
        // Column c of row 0, plane 0 is bit c % 8 of byte c / 8.
        var matrix = TestQuantizedModels.Minimal().Layers[0].WeightIh;
        var planes = QuantizedModelWriter.ToArchive(TestQuantizedModels.Minimal()).Require("lstm.0.weight_ih.planes").Bytes;
        for (int c = 0; c < matrix.Cols; c++) Assert.Equal(matrix.Bit(0, 0, c), ((planes[c / 8] >> (c % 8)) & 1) == 1);
    }

    [Fact]
    public void TruncatedFileIsRejected()
    {
        var bytes = SafetensorsWriter.Serialize(QuantizedModelWriter.ToArchive(TestQuantizedModels.Full()));
        string path = Write("cut.safetensors", bytes.AsSpan(0, bytes.Length - 10).ToArray());
        ErrorAssert.Names(() => QuantizedModelReader.Read(path), path, "past the");
    }

    [Fact]
    public void NewerVersionIsRejected() =>
        Fails(a => Archive(a, meta: ("format_version", "2")), "format version 2");

    [Fact]
    public void OtherGateOrderIsRejected() =>
        Fails(a => Archive(a, meta: ("gate_order", "i,o,f,c")), "gate order 'i,o,f,c'");

    [Fact]
    public void UnknownMethodIsRejected() =>
        Fails(a => Archive(a, meta: ("lstm.1.weight_ih.method", "Magic")), "'lstm.1.weight_ih.method'", "'Magic'");

    [Fact]
    public void BitsThatDisagreeWithThePlanesAreRejected() =>
        Fails(a => Archive(a, meta: ("lstm.0.weight_hh.bits", "2")), "'lstm.0.weight_hh.planes'", "[280, 3, 16]");

    [Fact]
    public void WrongPlaneDtypeIsRejected() =>
        Fails(a => Archive(a, replace: new TensorData("lstm.0.weight_ih.planes", TensorDType.I8, [280, 2, 8], new byte[280 * 16])), "'lstm.0.weight_ih.planes'", "expected dtype U8");

    [Fact]
    public void SetPaddingBitsAreRejected()
    {
        Fails(a =>
        {
            var planes = a.Require("lstm.0.weight_ih.planes");
            var bytes = planes.Bytes.ToArray();
            bytes[7] |= 0x80; // column 63 of a 5-column matrix
            return Archive(a, replace: new TensorData(planes.Name, planes.DType, planes.Shape, bytes));
        }, "'lstm.0.weight_ih.planes'", "padding bits");
    }

    [Fact]
    public void WrongCoefficientShapeIsRejected() =>
        Fails(a => Archive(a, replace: TensorData.FromFloat32("dense.weight.coefficients", [4, 3], new float[12])), "'dense.weight.coefficients'", "[4, 2]");

    [Fact]
    public void MissingTensorIsNamed() =>
        Fails(a => new TensorArchive(a.Source, a.Tensors.Where(t => t.Name != "lstm.1.bias_hh"), a.Metadata), "'lstm.1.bias_hh'", "missing");

    [Fact]
    public void ExtraTensorIsNamed() =>
        Fails(a => new TensorArchive(a.Source, [.. a.Tensors, TensorData.FromFloat32("lstm.2.bias_ih", [1], [0])], a.Metadata), "'lstm.2.bias_ih'", "not part");

    [Fact]
    public void FloatStateDictIsNotAQuantizedModel()
    {
        string path = Fixtures.Path("lstm1_linear.safetensors");
        ErrorAssert.Names(() => QuantizedModelReader.Read(path), path, "not a quantized model file");
    }

    private static TensorArchive Archive(TensorArchive archive, (string Key, string Value)? meta = null, TensorData? replace = null)
    {
        var metadata = archive.Metadata.ToDictionary();
        if (meta is { } m) metadata[m.Key] = m.Value;
        var tensors = archive.Tensors.Select(t => replace is not null && t.Name == replace.Name ? replace : t);
        return new TensorArchive(archive.Source, tensors, metadata);
    }

    private void Fails(Func<TensorArchive, TensorArchive> corrupt, params string[] parts)
    {
        string path = _dir.File("corrupt.safetensors");
        var archive = corrupt(QuantizedModelWriter.ToArchive(TestQuantizedModels.Full(), path));
        SafetensorsWriter.Write(path, archive);
        ErrorAssert.Names(() => QuantizedModelReader.Read(path), [path, .. parts]);
    }

    private string Write(string name, byte[] bytes)
    {
        string path = _dir.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static void AssertEqual(QuantizedTensor expected, QuantizedTensor actual)
    {
        Assert.Equal(expected.Rows, actual.Rows);
        Assert.Equal(expected.Cols, actual.Cols);
        Assert.Equal(expected.Codes, actual.Codes);
        Assert.Equal(expected.Method, actual.Method);
        Assert.Equal(expected.Planes, actual.Planes);
        Assert.Equal(expected.Coefficients, actual.Coefficients);
        Assert.Equal(expected.Offsets, actual.Offsets);
    }
}
