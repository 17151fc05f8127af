using Fpga.Host.Formats;
using Fpga.Host.Formats.Numpy;
using Fpga.Host.Golden;
using Fpga.Host.Models;
using Fpga.Host.Quantization;
using Fpga.Host.Tests.Support;

namespace Fpga.Host.Tests.Cli;

public sealed class InferCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("lstm2_head.onnx", "lstm2_head.input.npy", "lstm2_head.logits.npy")]
    [InlineData("lstm1_linear.safetensors", "lstm1_linear.input.npy", "lstm1_linear.logits.npy")]
    [InlineData("embed_lstm.state_dict.npz", "embed_lstm.tokens.npy", "embed_lstm.logits.npy")]
    public void WritesPyTorchsLogits(string model, string input, string reference)
    {
        string output = _dir.File("out.npy");
        var run = CliRun.Of("infer", Fixtures.Path(model), "--input", Fixtures.Path(input), "-o", output);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Contains("logits at every step", run.Out);
        ReferenceAssert.Close(NpyReader.Read(Fixtures.Path(reference)), NpyReader.Read(output));
    }

    [Fact]
    public void SingleSequenceWithoutBatchAxisGivesStepsByOutputs()
    {
        string input = _dir.File("one.npy");
        var batch = NpyReader.Read(Fixtures.Path("lstm1_linear.input.npy"));
        NpyWriter.Write(input, new TensorData("one", batch.DType, [6, 5], batch.Bytes[..(6 * 5 * 4)]));
        string output = _dir.File("out.npy");
        Assert.Equal(0, CliRun.Of("infer", Fixtures.Path("lstm1_linear.onnx"), "-i", input, "-o", output).ExitCode);
        var logits = NpyReader.Read(output);
        Assert.Equal([6, 3], logits.Shape);
        ReferenceAssert.Close(NpyReader.Read(Fixtures.Path("lstm1_linear.logits.npy")).ToFloat32()[..18], logits.ToFloat32());
    }

    [Fact]
    public void WrongFeatureCountFailsAndLeavesNoOutput()
    {
        string input = _dir.File("wrong.npy");
        NpyWriter.Write(input, TensorData.FromFloat32("wrong", [2, 6, 4], new float[48]));
        string output = _dir.File("out.npy");
        var run = CliRun.Of("infer", Fixtures.Path("lstm1_linear.onnx"), "-i", input, "-o", output);
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: ", run.Error);
        Assert.Contains(input, run.Error);
        Assert.Contains("4 features per step but the model takes 5", run.Error);
        Assert.Equal(["wrong.npy"], _dir.FileNames());
    }

    [Fact]
    public void TruncatedInputFailsAndKeepsAnEarlierOutput()
    {
        string input = _dir.File("cut.npy");
        var bytes = File.ReadAllBytes(Fixtures.Path("lstm1_linear.input.npy"));
        File.WriteAllBytes(input, bytes[..^7]);
        string output = _dir.File("out.npy");
        File.WriteAllText(output, "previous");
        var run = CliRun.Of("infer", Fixtures.Path("lstm1_linear.onnx"), "-i", input, "-o", output);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("truncated", run.Error);
        Assert.Equal("previous", File.ReadAllText(output));
        Assert.Equal(["cut.npy", "out.npy"], _dir.FileNames());
    }

    [Fact]
    public void OutOfVocabularyTokenFails()
    {
        string input = _dir.File("tokens.npy");
        NpyWriter.Write(input, TensorData.FromInt64("tokens", [1, 3], [1, 11, 2]));
        var run = CliRun.Of("infer", Fixtures.Path("embed_lstm.onnx"), "-i", input, "-o", _dir.File("out.npy"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("token id 11", run.Error);
        Assert.Equal(["tokens.npy"], _dir.FileNames());
    }

    [Fact]
    public void QuantizedModelRunsTheGoldenModel()
    {
        string model = _dir.File("q.safetensors");
        var (quantized, _) = ModelQuantizer.Quantize(RandomLstmModel.Create(3, 2, layers: 1, denseOutputs: 0, seed: 5),
            new QuantizerOptions(QuantMethod.Binary, 1), new ActivationQuantization(QuantMethod.Binary, 1));
        QuantizedModelWriter.Write(model, quantized);
        string input = _dir.File("x.npy");
        var x = TensorData.FromFloat32("x", [2, 3], [0.5f, -1f, 0.25f, -0.75f, 0.125f, 2f]);
        NpyWriter.Write(input, x);
        string output = _dir.File("out.npy");
        var run = CliRun.Of("infer", model, "-i", input, "-o", output);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Contains("golden", run.Out);
        var hidden = NpyReader.Read(output);
        Assert.Equal([2, 2], hidden.Shape);
        var expected = GoldenInference.Run(quantized, x, input).ToFloat32();
        Assert.Equal(expected, hidden.ToFloat32());
        // Dequantized hidden integers: multiples of 2^-10 inside (-1, 1).
        Assert.All(hidden.ToFloat32(), h => Assert.True(Math.Abs(h) < 1 && h * 1024 == MathF.Round(h * 1024)));
    }

    [Fact]
    public void QuantizedModelWithDenseLayerWritesLogitsAfterTheLastStep()
    {
        var model = RandomLstmModel.Create(3, 4, layers: 2, denseOutputs: 5, seed: 3);
        var (quantized, _) = ModelQuantizer.Quantize(model, new QuantizerOptions(QuantMethod.Greedy, 2), new ActivationQuantization(QuantMethod.Greedy, 2));
        string path = _dir.File("q.safetensors");
        QuantizedModelWriter.Write(path, quantized);
        string input = _dir.File("x.npy");
        NpyWriter.Write(input, TensorData.FromFloat32("x", [2, 4, 3], RandomLstmModel.Inputs(2, 4, 3, seed: 4).Values));
        string output = _dir.File("out.npy");
        var run = CliRun.Of("infer", path, "-i", input, "-o", output);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("logits after the last step", run.Out);
        Assert.Equal([2, 5], NpyReader.Read(output).Shape);
    }

    [Fact]
    public void QuantizedModelWithEmbeddingIsRefused()
    {
        string model = _dir.File("q.safetensors");
        QuantizedModelWriter.Write(model, TestQuantizedModels.Full());
        string input = _dir.File("x.npy");
        NpyWriter.Write(input, TensorData.FromInt64("x", [1, 3], [1, 2, 3]));
        var run = CliRun.Of("infer", model, "-i", input, "-o", _dir.File("out.npy"));
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: ", run.Error);
        Assert.Contains("embedding, which is not supported on chip yet", run.Error);
        Assert.Equal(["q.safetensors", "x.npy"], _dir.FileNames());
    }

    [Fact]
    public void QuantizedModelChecksTheFeatureCount()
    {
        string model = _dir.File("q.safetensors");
        QuantizedModelWriter.Write(model, ModelQuantizer.Quantize(RandomLstmModel.Create(3, 2, layers: 1, denseOutputs: 0, seed: 5),
            new QuantizerOptions(QuantMethod.Binary, 1), new ActivationQuantization(QuantMethod.Binary, 1)).Model);
        string input = _dir.File("x.npy");
        NpyWriter.Write(input, TensorData.FromFloat32("x", [2, 4], new float[8]));
        var run = CliRun.Of("infer", model, "-i", input, "-o", _dir.File("out.npy"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("4 features per step but the model takes 3", run.Error);
    }

    [Fact]
    public void UnsupportedOperatorFails()
    {
        var model = OnnxFixtures.Load("lstm1_linear.onnx");
        OnnxFixtures.Node(model, "MatMul").OpType = "Einsum";
        string path = OnnxFixtures.Save(model, _dir, "einsum.onnx");
        var run = CliRun.Of("infer", path, "-i", Fixtures.Path("lstm1_linear.input.npy"), "-o", _dir.File("out.npy"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("unsupported ONNX operator 'Einsum'", run.Error);
        Assert.Equal(["einsum.onnx"], _dir.FileNames());
    }

    [Fact]
    public void MissingOutputOptionIsAUsageError()
    {
        var run = CliRun.Of("infer", Fixtures.Path("lstm1_linear.onnx"), "-i", Fixtures.Path("lstm1_linear.input.npy"));
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--output", run.Error);
    }
}
