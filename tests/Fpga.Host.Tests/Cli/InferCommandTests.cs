using Fpga.Host.Formats;
using Fpga.Host.Formats.Numpy;
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
    public void QuantizedModelExplainsTheMilestone()
    {
        string model = _dir.File("q.safetensors");
        QuantizedModelWriter.Write(model, TestQuantizedModels.Minimal());
        string input = _dir.File("x.npy");
        NpyWriter.Write(input, TensorData.FromFloat32("x", [2, 3], new float[6]));
        var run = CliRun.Of("infer", model, "-i", input, "-o", _dir.File("out.npy"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(model, run.Error);
        Assert.Contains("golden", run.Error);
        Assert.Equal(["q.safetensors", "x.npy"], _dir.FileNames());
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
