using Fpga.Gen.Cores.Accelerator;
using Fpga.Gen.Spec;
using Fpga.Host.Formats;
using Fpga.Host.Formats.Numpy;
using Fpga.Host.Golden;
using Fpga.Host.Link;
using Fpga.Host.Models;
using Fpga.Host.Quantization;
using Fpga.Host.Tests.Support;

namespace Fpga.Host.Tests.Cli;

/// <summary>
/// A small quantized model (10 inputs, H 8, dense 5), two spec files for it that differ in
/// folding only, and the simulated board of the first, started as `fpga run --sim` starts it
/// (so `--sim` finds its Verilator build in the cache).
/// </summary>
public sealed class RunCommandFixture : IDisposable
{
    public const int ClocksPerBit = SimulatedBoard.DefaultClocksPerBit;
    private readonly TempDirectory _files = new();

    public RunCommandFixture()
    {
        var floatModel = RandomLstmModel.Create(10, 8, 1, 5, seed: 41);
        Model = ModelQuantizer.Quantize(floatModel, new QuantizerOptions(QuantMethod.Alternating, 2), new ActivationQuantization(QuantMethod.Alternating, 2)).Model;
        ModelPath = _files.File("model.safetensors");
        QuantizedModelWriter.Write(ModelPath, Model);
        Spec = AcceleratorSpecs.ForModel(Model, pe: 4, simd: 4);
        OtherSpec = AcceleratorSpecs.ForModel(Model, pe: 4, simd: 8);
        SpecPath = _files.File("spec.json");
        OtherSpecPath = _files.File("other.json");
        File.WriteAllText(SpecPath, Spec.ToJson());
        File.WriteAllText(OtherSpecPath, OtherSpec.ToJson());
        Inputs = RandomLstmModel.Inputs(3, 5, 10, seed: 42);
        Expected = GoldenInference.Run(ModelImage.Build(Model, Spec), Model.Layers[0].Activations, Inputs).ToFloat32();
        Board = SimulatedBoard.Start(Spec, SimulatedBoard.LinkFor(Spec, ClocksPerBit), LstmAccelerator.Generate(Spec).Module, _files.Path);
    }

    public QuantizedModel Model { get; }
    public string ModelPath { get; }
    public AcceleratorSpec Spec { get; }
    public AcceleratorSpec OtherSpec { get; }
    public string SpecPath { get; }
    public string OtherSpecPath { get; }
    public LstmSequenceBatch Inputs { get; }

    /// <summary>The golden model's logits, float32 [3, 5].</summary>
    public float[] Expected { get; }

    public SimulatedBoard Board { get; }

    public void Dispose()
    {
        Board.Dispose();
        _files.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class RunCommandCollection : ICollectionFixture<RunCommandFixture>
{
    public const string Name = "fpga run on a simulated board";
}

/// <summary>`fpga run` end to end on the simulated board, and every way a user can get it wrong: one error line, exit 1, no output file.</summary>
[Collection(RunCommandCollection.Name)]
public sealed class RunCommandTests(RunCommandFixture fixture) : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string InputNpy()
    {
        var path = _dir.File("in.npy");
        NpyWriter.Write(path, TensorData.FromFloat32("x", [3, 5, 10], fixture.Inputs.Values!));
        return path;
    }

    private string[] Run(params string[] extra) => ["run", "--model", fixture.ModelPath, "--config", fixture.SpecPath, .. extra];

    [Fact]
    public void SimStartsTheBoardAndWritesTheGoldenModelsLogits()
    {
        var output = _dir.File("out.npy");
        var run = CliRun.Of(Run("--sim", "--input", InputNpy(), "-o", output, "--check"));
        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        Assert.Contains("golden model: all 3 sequence(s) equal, bit for bit", run.Out);
        Assert.Contains($"spec {fixture.Spec.Hash[..16]}", run.Out);
        Assert.Contains("upload: ", run.Out);
        Assert.Contains("payload", run.Out);
        var logits = NpyReader.Read(output);
        Assert.Equal([3, 5], logits.Shape);
        Assert.Equal(fixture.Expected, logits.ToFloat32());
    }

    [Fact]
    public void APortWithCsvInAndOutGivesTheSameLogits()
    {
        var input = _dir.File("in.csv");
        var values = fixture.Inputs.Values!;
        File.WriteAllLines(input, ["# three sequences of 5 steps x 10 features", .. Enumerable.Range(0, 3).Select(s => string.Join(',', values.Skip(s * 50).Take(50).Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))))]);
        var output = _dir.File("out.csv");
        var run = CliRun.Of(Run("--port", fixture.Board.PortPath, "--input", input, "-o", output));
        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        var rows = File.ReadAllLines(output).Where(l => !l.StartsWith('#')).Select(l => l.Split(',').Select(v => float.Parse(v, System.Globalization.CultureInfo.InvariantCulture))).SelectMany(v => v).ToArray();
        Assert.Equal(fixture.Expected, rows);
    }

    [Fact]
    public void ABoardBuiltForAnotherSpecIsRefusedNamingBothHashes()
    {
        var output = _dir.File("out.npy");
        var run = CliRun.Of("run", "--model", fixture.ModelPath, "--config", fixture.OtherSpecPath, "--port", fixture.Board.PortPath, "--input", InputNpy(), "-o", output);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: the board on '{fixture.Board.PortPath}' was built for spec {fixture.Spec.Hash[..16]}, not this model's spec {fixture.OtherSpec.Hash[..16]}: generate and load the bitstream for this model\n",
            run.Error.ReplaceLineEndings("\n"));
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void AMissingPortIsOneErrorLine()
    {
        var port = _dir.File("no-such-port");
        var run = CliRun.Of(Run("--port", port, "--input", InputNpy(), "-o", _dir.File("out.npy")));
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: serial port '{port}' does not exist\n", run.Error.ReplaceLineEndings("\n"));
        Assert.Equal(["in.npy"], _dir.FileNames());
    }

    [Fact]
    public void ABusyPortIsOneErrorLine()
    {
        using var holder = SerialTransport.Open(fixture.Board.PortPath, 115200);
        var run = CliRun.Of(Run("--port", fixture.Board.PortPath, "--input", InputNpy(), "-o", _dir.File("out.npy")));
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: serial port '{fixture.Board.PortPath}' is in use", run.Error);
        Assert.Equal(["in.npy"], _dir.FileNames());
    }

    public static TheoryData<string, string, string> BadInputs => new()
    {
        { "short.csv", "1,2,3\n", "line 1 has 3 values, not a whole number of steps of 10 features" },
        { "ragged.csv", string.Join(',', new string('1', 1).Select(_ => "0").Concat(Enumerable.Repeat("0", 19))) + "\n" + string.Join(',', Enumerable.Repeat("0", 10)) + "\n", "line 2 has 10 values but the first sequence 20; every sequence must have as many steps" },
        { "text.csv", string.Join(',', Enumerable.Repeat("0", 9).Append("x")) + "\n", "line 1: 'x' is not a finite number" },
        { "empty.csv", "# nothing\n", "holds no sequence" },
        { "input.txt", "0\n", "is neither .npy nor .csv" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void ABadInputFileIsRefusedBeforeTheBoardIsTouched(string name, string content, string message)
    {
        var input = _dir.File(name);
        File.WriteAllText(input, content);
        // No board at that port: the input is refused first.
        var run = CliRun.Of(Run("--port", _dir.File("no-such-port"), "--input", input, "-o", _dir.File("out.npy")));
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: {input}: {message}\n", run.Error.ReplaceLineEndings("\n"));
        Assert.Equal([name], _dir.FileNames());
    }

    [Fact]
    public void AWrongShapeIsRefusedNamingTheFeatures()
    {
        var input = _dir.File("wide.npy");
        NpyWriter.Write(input, TensorData.FromFloat32("x", [2, 4, 12], new float[96]));
        var run = CliRun.Of(Run("--port", _dir.File("no-such-port"), "--input", input, "-o", _dir.File("out.npy")));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("input has 12 features per step but the model takes 10", run.Error);
        Assert.Equal(["wide.npy"], _dir.FileNames());
    }

    [Theory]
    [InlineData(new string[0], "say where the board is: --port PATH or --sim")]
    [InlineData(new[] { "--sim", "--port", "x" }, "say where the board is: --port PATH or --sim")]
    public void PortOrSimIsRequired(string[] where, string message)
    {
        var run = CliRun.Of(Run([.. where, "--input", InputNpy(), "-o", _dir.File("out.npy")]));
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: {message}\n", run.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task SimPrintsThePseudoTerminalAndStopsAtTheEndOfInput()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = await Fpga.Cli.FpgaCli.RunAsync(["sim", "--config", fixture.SpecPath], output, error, input: new StringReader(""));
        Assert.True(code == 0, output.ToString() + error.ToString());
        Assert.Matches(@"(?m)^pty /dev/pts/\d+$", output.ToString());
        Assert.Contains($"spec {fixture.Spec.Hash[..16]}", output.ToString());
        Assert.Contains("stopped after", output.ToString());
    }

    [Fact]
    public void SimulatorOptionsWithARealPortAreRefused()
    {
        var run = CliRun.Of(Run("--port", fixture.Board.PortPath, "--trace", _dir.File("w.fst"), "--input", InputNpy(), "-o", _dir.File("out.npy")));
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: --work, --trace, --max-cycles, --true-baud and --clocks-per-bit are for the simulated board (--sim)\n", run.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void ASpecFileForAnotherModelIsRefused()
    {
        var spec = _dir.File("wrong.json");
        File.WriteAllText(spec, (fixture.Spec with { HiddenSize = 16 }).Validate().ToJson());
        var run = CliRun.Of("run", "--model", fixture.ModelPath, "--config", spec, "--sim", "--input", InputNpy(), "-o", _dir.File("out.npy"));
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: {spec} does not describe {fixture.ModelPath}: HiddenSize 16 (the model has 8)\n", run.Error.ReplaceLineEndings("\n"));
    }
}
