using Fpga.Host.Formats;
using Fpga.Host.Formats.Onnx.Proto;
using Fpga.Host.Models.Import;
using Fpga.Host.Tests.Support;

namespace Fpga.Host.Tests.Models;

/// <summary>Alterations of a real PyTorch export, each of which the importer must refuse with one clear message.</summary>
public sealed class OnnxImportErrorTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static ModelProto Model() => OnnxFixtures.Load("lstm1_linear.onnx");

    private void Fails(ModelProto model, params string[] parts)
    {
        string path = OnnxFixtures.Save(model, _dir, "altered.onnx");
        ErrorAssert.Names(() => OnnxLstmImporter.Import(path), [path, .. parts]);
    }

    [Fact]
    public void UnsupportedOperatorIsNamed()
    {
        var model = Model();
        var softmax = new NodeProto { Name = "/Softmax", OpType = "Softmax" };
        softmax.Input.Add(model.Graph.Output[0].Name);
        softmax.Output.Add("probabilities");
        model.Graph.Node.Add(softmax);
        Fails(model, "unsupported ONNX operator 'Softmax'", "'/Softmax'", "'probabilities'");
    }

    [Fact]
    public void CustomDomainOperatorIsNamed()
    {
        var model = Model();
        OnnxFixtures.Node(model, "Transpose").Domain = "com.microsoft";
        Fails(model, "unsupported ONNX operator 'com.microsoft.Transpose'");
    }

    [Fact]
    public void NonDefaultActivationsAreRejected()
    {
        var model = Model();
        OnnxFixtures.Node(model, "LSTM").Attribute.Add(OnnxFixtures.Strings("activations", "Sigmoid", "Relu", "Relu"));
        Fails(model, "(LSTM)", "activations [Sigmoid, Relu, Relu]");
    }

    [Fact]
    public void ExplicitDefaultActivationsAreAccepted()
    {
        var model = Model();
        OnnxFixtures.Node(model, "LSTM").Attribute.Add(OnnxFixtures.Strings("activations", "Sigmoid", "Tanh", "Tanh"));
        Assert.Single(OnnxLstmImporter.Import(OnnxFixtures.Save(model, _dir, "defaults.onnx")).Model.Layers);
    }

    [Fact]
    public void ReverseDirectionIsRejected()
    {
        var model = Model();
        OnnxFixtures.Node(model, "LSTM").Attribute.Add(new AttributeProto { Name = "direction", Type = AttributeProto.Types.AttributeType.String, S = Google.Protobuf.ByteString.CopyFromUtf8("reverse") });
        Fails(model, "direction 'reverse'");
    }

    [Fact]
    public void NonZeroInitialStateIsRejected()
    {
        var model = Model();
        var lstm = OnnxFixtures.Node(model, "LSTM");
        var ones = TensorData.FromFloat32("h0", [1, 1, 4], [1, 1, 1, 1]);
        model.Graph.Initializer.Add(Fpga.Host.Formats.Onnx.OnnxTensors.FromTensorData(ones));
        lstm.Input[5] = "h0";
        Fails(model, "initial_h 'h0'", "not all zeros");
    }

    [Fact]
    public void WrongWeightShapeNamesTheInitializer()
    {
        var model = Model();
        var lstm = OnnxFixtures.Node(model, "LSTM");
        var r = OnnxFixtures.Initializer(model, lstm.Input[2]);
        OnnxFixtures.Replace(model, TensorData.FromFloat32(r.Name, [1, 16, 5], new float[80]));
        Fails(model, $"'{r.Name}'", "[1, 16, 5]");
    }

    [Fact]
    public void MissingTensorIsNamed()
    {
        var model = Model();
        var lstm = OnnxFixtures.Node(model, "LSTM");
        model.Graph.Initializer.Remove(OnnxFixtures.Initializer(model, lstm.Input[1]));
        Fails(model, $"'{lstm.Input[1]}'", "not produced by any earlier node");
    }

    [Fact]
    public void RawDataOfTheWrongSizeNamesTheTensor()
    {
        var model = Model();
        var w = OnnxFixtures.Initializer(model, OnnxFixtures.Node(model, "LSTM").Input[1]);
        w.RawData = Google.Protobuf.ByteString.CopyFrom(w.RawData.Span[..^4]);
        Fails(model, $"'{w.Name}'", "raw_data");
    }

    [Fact]
    public void FloatDataInitializersAreRead()
    {
        var model = Model();
        var w = OnnxFixtures.Initializer(model, OnnxFixtures.Node(model, "LSTM").Input[1]);
        var values = new TensorData(w.Name, TensorDType.F32, w.Dims.Select(d => (int)d).ToArray(), w.RawData.ToByteArray()).ToFloat32();
        w.ClearRawData();
        w.FloatData.AddRange(values);
        var imported = OnnxLstmImporter.Import(OnnxFixtures.Save(model, _dir, "float_data.onnx")).Model;
        var reference = OnnxLstmImporter.Import(Fixtures.Path("lstm1_linear.onnx")).Model;
        Assert.Equal(reference.Layers[0].WeightIh, imported.Layers[0].WeightIh);
    }

    [Fact]
    public void SwappedBatchAndTimeBetweenLayersAreRejected()
    {
        var model = OnnxFixtures.Load("lstm2_head.onnx");
        // Feed the second LSTM the first one's output with batch and time transposed.
        var second = model.Graph.Node.Where(n => n.OpType == "LSTM").ElementAt(1);
        var transpose = new NodeProto { Name = "/swap", OpType = "Transpose" };
        transpose.Input.Add(second.Input[0]);
        transpose.Output.Add("swapped");
        transpose.Attribute.Add(new AttributeProto { Name = "perm", Type = AttributeProto.Types.AttributeType.Ints, Ints = { 1, 0, 2 } });
        model.Graph.Node.Insert(model.Graph.Node.IndexOf(second), transpose);
        second.Input[0] = "swapped";
        Fails(model, "batch and time swapped");
    }

    [Fact]
    public void TruncatedFileIsRejected()
    {
        var bytes = File.ReadAllBytes(Fixtures.Path("lstm1_linear.onnx"));
        string path = _dir.File("cut.onnx");
        File.WriteAllBytes(path, bytes.AsSpan(0, bytes.Length - 100).ToArray());
        ErrorAssert.Names(() => OnnxLstmImporter.Import(path), path, "not a readable ONNX model");
    }

    [Fact]
    public void GarbageIsRejected()
    {
        string path = _dir.File("garbage.onnx");
        File.WriteAllBytes(path, Enumerable.Range(0, 300).Select(i => (byte)(i * 37 + 11)).ToArray());
        ErrorAssert.Names(() => OnnxLstmImporter.Import(path), path, "ONNX");
    }
}
