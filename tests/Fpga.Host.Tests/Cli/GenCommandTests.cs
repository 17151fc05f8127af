using System.Text.Json;
using Fpga.Gen.Spec;
using Fpga.Host.Tests.Support;

namespace Fpga.Host.Tests.Cli;

public sealed class GenCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ASpecGivesTheTopWithEveryModuleAndAManifestNamingItsHash()
    {
        var spec = new AcceleratorSpec { InputSize = 10, HiddenSize = 16, DenseOutputs = 5, Pe = 4, Simd = 8, Output = OutputMode.LogitsAtEnd }.Validate();
        string config = _dir.File("spec.json");
        File.WriteAllText(config, spec.ToJson());
        string output = Path.Combine(_dir.Path, "rtl");
        var run = CliRun.Of("gen", "--config", config, "-o", output);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "manifest.json")));
        Assert.Equal(spec.Hash, manifest.RootElement.GetProperty("hash").GetString());
        var files = manifest.RootElement.GetProperty("modules").EnumerateArray().Select(b => b.GetString()!).ToArray();
        // The top, the layer engine, its two products (the recurrent one with the dense rows), cell, re-quantizer, dense output.
        Assert.Equal(7, files.Length);
        Assert.Contains(manifest.RootElement.GetProperty("top").GetString() + ".v", files);
        Assert.All(files, f => Assert.True(File.Exists(Path.Combine(output, f)), f));
        Assert.True(manifest.RootElement.GetProperty("cyclesPerStep").GetInt64() > 0);
        Assert.Equal(8, manifest.RootElement.GetProperty("folding")[0].GetProperty("denseRows").GetInt32());
        Assert.Equal(spec, AcceleratorSpec.FromJson(manifest.RootElement.GetProperty("spec").GetRawText(), "manifest"));
    }

    [Theory]
    [InlineData("{\"HiddenSize\": 0}", "HiddenSize")]
    [InlineData("{\"Requantization\": \"Alternating\", \"ActivationCodes\": 4}", "Requantization")]
    [InlineData("{\"HiddenSize\": 6, \"Pe\": 3}", "Pe")]
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

    [Fact]
    public void ASpecAlsoGivesASelfCheckingBenchWithVectorFilesSizedByTheOptions()
    {
        var spec = new AcceleratorSpec { InputSize = 10, HiddenSize = 8, Pe = 4, Simd = 4 }.Validate();
        string config = _dir.File("spec.json");
        File.WriteAllText(config, spec.ToJson());
        string output = Path.Combine(_dir.Path, "rtl");
        var run = CliRun.Of("gen", "--config", config, "-o", output, "--sequences", "3", "--steps", "11", "--seed", "9");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("33 steps, 264 outputs", run.Out);

        string bench = Path.Combine(output, "tb");
        string top = $"tb_lstm_accelerator_{spec.Hash[..8]}";
        var accelerator = Fpga.Gen.Cores.Accelerator.LstmAccelerator.Generate(spec);
        Assert.True(File.Exists(Path.Combine(bench, top + ".v")));
        Assert.Equal(33 * 8, File.ReadAllLines(Path.Combine(bench, "expected.hex")).Length);
        Assert.All(File.ReadAllLines(Path.Combine(bench, "expected.hex")), line => Assert.Equal((spec.Hidden.Width + 3) / 4, line.Length));
        // One s_axis beat per line, {tuser, tlast, tdata}: tuser and tlast once a sequence.
        var beats = File.ReadAllLines(Path.Combine(bench, "input.hex")).Select(l => System.Numerics.BigInteger.Parse("0" + l, System.Globalization.NumberStyles.HexNumber)).ToArray();
        Assert.Equal(33 * accelerator.InputBeatsPerStep, beats.Length);
        Assert.Equal(3, beats.Count(b => !(b >> (accelerator.InputBeatWidth + 1)).IsZero));
        Assert.Equal(3, beats.Count(b => !((b >> accelerator.InputBeatWidth) & 1).IsZero));
        var readme = File.ReadAllText(Path.Combine(bench, "README.md"));
        Assert.Contains($"iverilog -g2005 -s {top}", readme);
        Assert.Contains($"verilator --binary --timing -Wall --top-module {top}", readme);
        Assert.Contains("PASS: 264 outputs match", readme);
        // The RTL the bench names is there, one directory up.
        foreach (var file in readme.Split(' ', '\n').Where(w => w.StartsWith("../", StringComparison.Ordinal)).Distinct())
            Assert.True(File.Exists(Path.Combine(bench, file)), file);
    }
}
