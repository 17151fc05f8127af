using Fpga.Host.Tests.Support;
using Fpga.Host.Training;

namespace Fpga.Host.Tests.Cli;

/// <summary>`fpga eval` and `fpga train` on the installed datasets (make test installs them), with tiny models and limits so they stay fast.</summary>
public sealed class EvalCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ScoresOneQuantizedSettingBesideFloatAndDrawsThePlot()
    {
        string model = _dir.File("m.safetensors");
        LstmNetwork.Create(new NetworkShape(28, 8, 1, 10), seed: 1).Save(model);
        string plot = _dir.File("p.png");
        var run = CliRun.Of("eval", model, "--data", "fashion-mnist", "--limit", "100", "--wmethod", "alternating", "--wbits", "2", "--amethod", "alternating", "--abits", "2", "--plot", plot);
        Assert.Equal("", run.Error);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("float ", run.Out);
        Assert.Contains("alternating 2 W / alternating 2 A", run.Out);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(plot)[..4]);
    }

    [Fact]
    public void TrainsAndSavesAModelThatImportsAsAPyTorchStateDict()
    {
        string model = _dir.File("t.safetensors");
        var run = CliRun.Of("train", "fashion-mnist", "-o", model, "--epochs", "1", "--limit", "256", "--hidden", "8", "--batch", "64");
        Assert.Equal("", run.Error);
        Assert.Contains("epoch  1", run.Out);
        Assert.Contains("samples/s", run.Out);
        var imported = Fpga.Host.Models.ModelFileReader.Read(model).FloatModel!;
        Assert.Equal(8, imported.Layers[0].HiddenSize);
        Assert.Equal(10, imported.OutputSize);
    }

    [Theory]
    [InlineData("eval", "MODEL", "--data", "mnist", "unknown dataset 'mnist'")]
    [InlineData("eval", "FIXTURE", "--data", "fashion-mnist", "reads 28 features per step")]
    [InlineData("train", "cifar", "-o", "x.safetensors", "unknown dataset 'cifar'")]
    [InlineData("train", "fashion-mnist", "-o", "x.safetensors", "--wbits", "2", "need --wmethod")]
    public void RejectsBadArgumentsWithOneLine(params string[] args)
    {
        string model = _dir.File("m.safetensors");
        LstmNetwork.Create(new NetworkShape(28, 4, 1, 10), seed: 1).Save(model);
        var argv = args[..^1].Select(a => a == "MODEL" ? model : a == "FIXTURE" ? Fixtures.Path("lstm1_linear.safetensors") : a == "x.safetensors" ? _dir.File(a) : a).ToArray();
        var run = CliRun.Of(argv);
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: ", run.Error);
        Assert.Contains(args[^1], run.Error);
    }
}
