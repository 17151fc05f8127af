using Fpga.Host.Formats.Numpy;
using Fpga.Host.Formats.Safetensors;
using Fpga.Host.Models;
using Fpga.Host.Models.Import;
using Fpga.Host.Tests.Support;

namespace Fpga.Host.Tests.Models;

/// <summary>
/// The C# forward pass over models imported from files PyTorch wrote, against the outputs PyTorch
/// computed (Fixtures/make_fixtures.py). Any gate-order or layout mistake in an importer shows here.
/// </summary>
public sealed class PyTorchReferenceTests
{
    [Theory]
    [InlineData("lstm1_linear.state_dict.npz")]
    [InlineData("lstm1_linear.safetensors")]
    [InlineData("lstm1_linear.onnx")]
    public void OneLayerLogitsMatchPyTorch(string file) =>
        ReferenceAssert.Close(Npy("lstm1_linear.logits.npy"), Infer(Load(file), "lstm1_linear.input.npy"));

    [Theory]
    [InlineData("lstm2_head.state_dict.npz")]
    [InlineData("lstm2_head.keras_layout.npz")]
    [InlineData("lstm2_head.onnx")]
    public void TwoLayerLogitsMatchPyTorch(string file) =>
        ReferenceAssert.Close(Npy("lstm2_head.logits.npy"), Infer(Load(file), "lstm2_head.input.npy"));

    [Theory]
    [InlineData("embed_lstm.state_dict.npz")]
    [InlineData("embed_lstm.onnx")]
    public void EmbeddingModelLogitsMatchPyTorch(string file) =>
        ReferenceAssert.Close(Npy("embed_lstm.logits.npy"), Infer(Load(file), "embed_lstm.tokens.npy"));

    [Theory]
    [InlineData("lstm1_linear", "lstm1_linear.state_dict.npz")]
    [InlineData("lstm2_head", "lstm2_head.state_dict.npz")]
    public void HiddenStatesWithoutTheHeadMatchPyTorch(string name, string file)
    {
        var model = Load(file);
        var headless = new LstmModel(model.Layers, model.Embedding);
        ReferenceAssert.Close(Npy($"{name}.hidden.npy"), Infer(headless, $"{name}.input.npy"));
    }

    [Fact]
    public void LastStepOnnxGraphIsRecognizedAndItsLastStepMatches()
    {
        var import = OnnxLstmImporter.Import(Fixtures.Path("lstm1_last_step.onnx"));
        Assert.True(import.OutputsLastStepOnly);
        var logits = Infer(import.Model, "lstm1_linear.input.npy");
        ReferenceAssert.Close(ReferenceAssert.LastSteps(Npy("lstm1_linear.logits.npy")), ReferenceAssert.LastSteps(logits));
    }

    [Fact]
    public void OnnxImportReportsTheInputLayout()
    {
        Assert.Equal("batch x steps x features", OnnxLstmImporter.Import(Fixtures.Path("lstm1_linear.onnx")).InputLayout);
        Assert.Equal("steps x batch x features", OnnxLstmImporter.Import(Fixtures.Path("lstm2_head.onnx")).InputLayout);
        Assert.Equal("batch x steps", OnnxLstmImporter.Import(Fixtures.Path("embed_lstm.onnx")).InputLayout);
    }

    [Fact]
    public void EveryImporterYieldsTheSameWeights()
    {
        var fromState = Load("lstm2_head.state_dict.npz");
        var fromOnnx = Load("lstm2_head.onnx");
        for (int l = 0; l < 2; l++)
        {
            Assert.Equal(fromState.Layers[l].WeightIh, fromOnnx.Layers[l].WeightIh);
            Assert.Equal(fromState.Layers[l].WeightHh, fromOnnx.Layers[l].WeightHh);
            Assert.Equal(fromState.Layers[l].BiasIh, fromOnnx.Layers[l].BiasIh);
            Assert.Equal(fromState.Layers[l].BiasHh, fromOnnx.Layers[l].BiasHh);
        }
        Assert.Equal(fromState.Dense!.Weights, fromOnnx.Dense!.Weights);
        Assert.Equal(fromState.Dense.Bias, fromOnnx.Dense.Bias);
    }

    private static LstmModel Load(string file)
    {
        string path = Fixtures.Path(file);
        if (file.EndsWith(".onnx", StringComparison.Ordinal)) return OnnxLstmImporter.Import(path).Model;
        var archive = file.EndsWith(".npz", StringComparison.Ordinal) ? NpzReader.Read(path) : SafetensorsReader.Read(path);
        return file.Contains("keras", StringComparison.Ordinal) ? KerasWeightsImporter.Import(archive) : PyTorchStateDictImporter.Import(archive);
    }

    private static Fpga.Host.Formats.TensorData Npy(string file) => NpyReader.Read(Fixtures.Path(file));

    private static Fpga.Host.Formats.TensorData Infer(LstmModel model, string inputFile) =>
        LstmInference.Run(model, Npy(inputFile), inputFile);
}
