using Fpga.Host.Quantization;
using Fpga.Host.Tests.Support;

namespace Fpga.Host.Tests.Cli;

public sealed class InspectCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void DescribesAnOnnxModel()
    {
        var run = CliRun.Of("inspect", Fixtures.Path("lstm2_head.onnx"));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("format: ONNX graph", run.Out);
        Assert.Contains("input: 'features' steps x batch x features, 4 features per step", run.Out);
        Assert.Contains("layer 0: LSTM 4 -> 6  W_ih [24, 4]  W_hh [24, 6]", run.Out);
        Assert.Contains("layer 1: LSTM 6 -> 6", run.Out);
        Assert.Contains("dense: 6 -> 2", run.Out);
        Assert.Contains("parameters: 638 (2,552 bytes as float32)", run.Out);
        Assert.Contains("opset: 11", run.Out);
        Assert.Contains("producer: pytorch", run.Out);
    }

    [Fact]
    public void DescribesAStateDictWithItsTensorsAndMetadata()
    {
        var run = CliRun.Of("inspect", Fixtures.Path("lstm1_linear.safetensors"));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("format: PyTorch state dict in safetensors", run.Out);
        Assert.Contains("lstm.weight_ih_l0  F32    [16, 5]", run.Out);
        Assert.Contains("source: make_fixtures.py", run.Out);
    }

    [Fact]
    public void DescribesAnEmbeddingModel()
    {
        var run = CliRun.Of("inspect", Fixtures.Path("embed_lstm.onnx"));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("input: 'tokens' batch x steps, token ids", run.Out);
        Assert.Contains("embedding: vocabulary 11 x dim 5", run.Out);
    }

    [Fact]
    public void DescribesAQuantizedModel()
    {
        string path = _dir.File("q.safetensors");
        QuantizedModelWriter.Write(path, TestQuantizedModels.Full());
        var run = CliRun.Of("inspect", path);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("format: quantized LSTM in safetensors", run.Out);
        Assert.Contains("W_hh [280, 70] Greedy 3 bits", run.Out);
        Assert.Contains("activations Uniform 4 bit", run.Out);
        Assert.Contains("embedding: vocabulary 7 x dim 5  F32 (not quantized)", run.Out);
        Assert.Contains("format_version: 1", run.Out);
    }

    [Fact]
    public void DescribesANpyArray()
    {
        var run = CliRun.Of("inspect", Fixtures.Path("embed_lstm.tokens.npy"));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("NumPy array, I64 [2, 7], 112 bytes", run.Out);
    }

    [Fact]
    public void CorruptedFileIsAnErrorNamingTheFile()
    {
        string path = _dir.File("broken.safetensors");
        File.WriteAllBytes(path, File.ReadAllBytes(Fixtures.Path("lstm1_linear.safetensors"))[..40]);
        var run = CliRun.Of("inspect", path);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.StartsWith($"error: {path}: ", run.Error);
    }

    [Fact]
    public void UnrecognizedTensorsAreAnError()
    {
        string path = _dir.File("plain.npz");
        Fpga.Host.Formats.Numpy.NpzWriter.Write(path, [Fpga.Host.Formats.TensorData.FromFloat32("something", [2], [1, 2])]);
        var run = CliRun.Of("inspect", path);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no LSTM recognized", run.Error);
    }

    [Fact]
    public void MissingFileIsAnError()
    {
        var run = CliRun.Of("inspect", _dir.File("absent.onnx"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("cannot read", run.Error);
    }
}
