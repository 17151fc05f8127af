using Fpga.Host.Models;
using Fpga.Host.Quantization;
using Fpga.Host.Tests.Support;

namespace Fpga.Host.Tests.Cli;

public sealed class QuantizeCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void WritesAQuantizedModelAndReportsEachTensorsErrorAndSaving()
    {
        string output = _dir.File("q.safetensors");
        var run = CliRun.Of("quantize", Fixtures.Path("lstm2_head.onnx"), "--method", "alternating", "--wbits", "3", "--abits", "2", "-o", output);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Contains("alternating weights, 3 code(s) each; activations alternating, 2 code(s)", run.Out);

        var model = QuantizedModelReader.Read(output);
        var original = ModelFileReader.Read(Fixtures.Path("lstm2_head.onnx")).FloatModel!;
        Assert.Equal(2, model.Layers.Count);
        Assert.Equal(3, model.Layers[0].WeightIh.Codes);
        Assert.Equal(QuantMethod.Alternating, model.Layers[1].WeightHh.Method);
        Assert.Equal(new ActivationQuantization(QuantMethod.Alternating, 2), model.Layers[0].Activations);

        // The printed error of every tensor is the error of what was written.
        var written = new (string Name, float[] Float, QuantizedTensor Quantized)[]
        {
            ("weight_ih_l0", original.Layers[0].WeightIh, model.Layers[0].WeightIh),
            ("weight_hh_l1", original.Layers[1].WeightHh, model.Layers[1].WeightHh),
            ("dense.weight", original.Dense!.Weights, model.Dense!.Weights),
        };
        foreach (var (name, values, quantized) in written)
        {
            var line = run.Out.Split('\n').Single(l => l.StartsWith(name + " ", StringComparison.Ordinal));
            Assert.Contains(QuantizationError.Relative(values, quantized).ToString("F5", System.Globalization.CultureInfo.InvariantCulture), line);
        }
    }

    [Fact]
    public void MoreBitsGiveLessError()
    {
        double Error(int bits)
        {
            string output = _dir.File($"q{bits}.safetensors");
            Assert.Equal(0, CliRun.Of("quantize", Fixtures.Path("lstm1_linear.safetensors"), "--method", "greedy", "--wbits", bits.ToString(System.Globalization.CultureInfo.InvariantCulture), "-o", output).ExitCode);
            var model = QuantizedModelReader.Read(output);
            var original = ModelFileReader.Read(Fixtures.Path("lstm1_linear.safetensors")).FloatModel!;
            return QuantizationError.Relative(original.Layers[0].WeightHh, model.Layers[0].WeightHh);
        }
        Assert.True(Error(1) > Error(2));
        Assert.True(Error(2) > Error(4));
    }

    [Theory]
    [InlineData("--method", "septenary")]
    [InlineData("--wbits", "3", "--method", "ternary")]
    [InlineData("--wbits", "9")]
    public void BadOptionsFailWithOneLineAndWriteNothing(params string[] options)
    {
        string output = _dir.File("q.safetensors");
        var run = CliRun.Of(["quantize", Fixtures.Path("lstm1_linear.safetensors"), "-o", output, .. options]);
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: ", run.Error);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.Empty(_dir.FileNames());
    }

    [Fact]
    public void AQuantizedModelIsNotQuantizedAgain()
    {
        string first = _dir.File("q.safetensors");
        Assert.Equal(0, CliRun.Of("quantize", Fixtures.Path("lstm1_linear.safetensors"), "-o", first).ExitCode);
        var run = CliRun.Of("quantize", first, "-o", _dir.File("again.safetensors"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("already quantized", run.Error);
    }
}
