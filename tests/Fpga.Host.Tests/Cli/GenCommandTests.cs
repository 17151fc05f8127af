using System.Text.Json;
using Fpga.Gen.Spec;
using Fpga.Host.Tests.Support;

namespace Fpga.Host.Tests.Cli;

public sealed class GenCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ASpecGivesEveryDatapathBlockAndAManifestNamingItsHash()
    {
        var spec = new AcceleratorSpec { InputSize = 10, HiddenSize = 16, DenseOutputs = 4, Pe = 4, Simd = 8 }.Validate();
        string config = _dir.File("spec.json");
        File.WriteAllText(config, spec.ToJson());
        string output = Path.Combine(_dir.Path, "rtl");
        var run = CliRun.Of("gen", "--config", config, "-o", output);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "manifest.json")));
        Assert.Equal(spec.Hash, manifest.RootElement.GetProperty("hash").GetString());
        var modules = manifest.RootElement.GetProperty("blocks").EnumerateArray().Select(b => b.GetProperty("module").GetString()!).ToArray();
        Assert.Equal(5, modules.Length); // input, recurrent and dense products, cell, re-quantizer
        Assert.All(modules, m => Assert.True(File.Exists(Path.Combine(output, m + ".v")), m));
        Assert.Equal(spec, AcceleratorSpec.FromJson(manifest.RootElement.GetProperty("spec").GetRawText(), "manifest"));
    }

    [Theory]
    [InlineData("{\"HiddenSize\": 0}", "HiddenSize")]
    [InlineData("{\"Requantization\": \"Alternating\", \"ActivationCodes\": 4}", "Requantization")]
    [InlineData("{\"Nonlinearity\": \"PiecewiseLinear\"}", "Nonlinearity")]
    [InlineData("not json", "spec.json")]
    public void ABadOrUnsupportedSpecFailsWithOneLineAndWritesNothing(string json, string named)
    {
        string config = _dir.File("spec.json");
        File.WriteAllText(config, json);
        string output = Path.Combine(_dir.Path, "rtl");
        var run = CliRun.Of("gen", "--config", config, "-o", output);
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: ", run.Error);
        Assert.Contains(named, run.Error);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void AQuantizedModelGivesItsSpecsBlocksAndAFloatModelIsRefused()
    {
        string quantized = _dir.File("q.safetensors");
        Assert.Equal(0, CliRun.Of("quantize", Fixtures.Path("lstm1_linear.safetensors"), "--wbits", "2", "-o", quantized).ExitCode);
        string output = Path.Combine(_dir.Path, "rtl");
        var run = CliRun.Of("gen", "--model", quantized, "-o", output);
        Assert.Equal(0, run.ExitCode);
        Assert.True(File.Exists(Path.Combine(output, "manifest.json")));

        var refused = CliRun.Of("gen", "--model", Fixtures.Path("lstm1_linear.safetensors"), "-o", Path.Combine(_dir.Path, "other"));
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("quantize it first", refused.Error);
    }

    [Fact]
    public void ABlockOutOfRangeIsRefusedNamingTheOption()
    {
        var run = CliRun.Of("gen", "--block", "xnor-dot", "--simd", "4", "-o", Path.Combine(_dir.Path, "dot"));
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: simd: 4 is outside 8..1024 bits", run.Error.TrimEnd());
    }
}
