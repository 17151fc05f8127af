using Fpga.Gen.Cores.Accelerator;
using Fpga.Gen.Spec;
using Fpga.Gen.Testbench;
using Fpga.Host.Golden;
using Fpga.Host.Testbench;
using Fpga.Sim.Icarus;
using Fpga.Sim.Verilator;

namespace Fpga.Cosim.Tests.Testbench;

/// <summary>
/// The generated self-checking bench of the accelerator top, run as a user would run it: under
/// Icarus and as a `verilator --binary` executable, from its own directory. Two specs: two
/// layers with the logits at the end (one group of outputs a sequence), and one layer with h
/// every step.
/// </summary>
public sealed class GeneratedBenchTests : IDisposable
{
    private static readonly AcceleratorSpec Logits = new AcceleratorSpec
    {
        InputSize = 10, HiddenSize = 8, Layers = 2, DenseOutputs = 5, Output = OutputMode.LogitsAtEnd, WeightCodes = 2, ActivationCodes = 2, Pe = 4, Simd = 4,
    }.Validate();

    private static readonly AcceleratorSpec Hidden = new AcceleratorSpec
    {
        InputSize = 10, HiddenSize = 8, Output = OutputMode.HiddenEveryStep, WeightCodes = 2, ActivationCodes = 2, Pe = 4, Simd = 4,
    }.Validate();

    private readonly TestDirectory _work = new();

    public void Dispose() => _work.Dispose();

    public static TheoryData<string> Specs => new() { nameof(Logits), nameof(Hidden) };

    private static AcceleratorSpec SpecNamed(string name) => name == nameof(Logits) ? Logits : Hidden;

    /// <summary>Outputs of a run: the logits once a sequence, or h every step.</summary>
    private static int Outputs(AcceleratorSpec spec, BenchOptions options) =>
        spec.Output == OutputMode.LogitsAtEnd ? options.Sequences * spec.DenseOutputs : options.Sequences * options.Steps * spec.HiddenSize;

    private (GeneratedTestbench Bench, string Directory, string[] Sources) Write(AcceleratorSpec spec, BenchOptions options)
    {
        var model = BenchModel.ForSpec(spec, options.Seed);
        var accelerator = LstmAccelerator.Generate(spec);
        var bench = AcceleratorTestbench.Create(accelerator, ModelImage.Build(model, spec), BenchModel.Inputs(model, spec, options), options);
        var directory = TestbenchWriter.Write(_work.Path, accelerator.Module, bench);
        return (bench, directory, bench.Sources.Select(s => Path.Combine(directory, s)).ToArray());
    }

    private static string Verdict(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.StartsWith("PASS", StringComparison.Ordinal) || l.StartsWith("FAIL", StringComparison.Ordinal)).ToArray();
        Assert.True(lines.Length == 1, $"expected one verdict line in:\n{output}");
        return lines[0];
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void IcarusRunsTheBenchAndEveryOutputMatches(string name)
    {
        var spec = SpecNamed(name);
        var options = new BenchOptions(Sequences: 2, Steps: 6);
        var (bench, directory, sources) = Write(spec, options);
        Assert.Equal(12, bench.Steps);
        var run = IcarusBench.Run(sources, bench.Top, workingDirectory: directory);
        Assert.Equal($"PASS: {Outputs(spec, options)} outputs match", Verdict(run.StandardOutput));
        Assert.Equal("", run.StandardError);
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void VerilatorBuildsAndRunsTheSameBenchUnchanged(string name)
    {
        var spec = SpecNamed(name);
        var options = new BenchOptions(Sequences: 3, Steps: 5, Seed: 5);
        var (bench, directory, sources) = Write(spec, options);
        var run = VerilatorBinaryBench.Run(sources, bench.Top, directory);
        Assert.Equal($"PASS: {Outputs(spec, options)} outputs match", Verdict(run.StandardOutput));
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void ACorruptedExpectedValueFailsNamingTheOutputAndTheGroup(string name)
    {
        var spec = SpecNamed(name);
        var (bench, directory, sources) = Write(spec, new BenchOptions(Sequences: 2, Steps: 6));
        var expectedPath = Path.Combine(directory, BenchFiles.Expected);
        var lines = File.ReadAllLines(expectedPath);
        // Output 3 of group 1: of the second sequence's logits, or of the second step's h.
        int perGroup = spec.Output == OutputMode.LogitsAtEnd ? spec.DenseOutputs : spec.HiddenSize;
        int index = perGroup + 3;
        int width = spec.Output == OutputMode.LogitsAtEnd ? spec.Gate.Width : spec.Hidden.Width;
        long original = Convert.ToInt64(lines[index], 16);
        long corrupted = original ^ 1;
        lines[index] = corrupted.ToString("x", System.Globalization.CultureInfo.InvariantCulture).PadLeft((width + 3) / 4, '0');
        File.WriteAllLines(expectedPath, lines);
        long Signed(long bits) => bits >= 1L << (width - 1) ? bits - (1L << width) : bits;

        var run = IcarusBench.Run(sources, bench.Top, workingDirectory: directory);

        Assert.Equal($"FAIL: output 3 step 1: got {Signed(original)} expected {Signed(corrupted)}", Verdict(run.StandardOutput));
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void TheBenchIsLintCleanUnderVerilatorAndIcarus(string name)
    {
        var (bench, _, sources) = Write(SpecNamed(name), new BenchOptions(Sequences: 1, Steps: 1));
        // --timing: a testbench waits on delays and clock edges, which Verilator must be told to schedule.
        var warnings = VerilatorLint.Run(sources, bench.Top, ["--timing"]);
        Assert.True(warnings.Count == 0, string.Join("\n", warnings));
        var icarus = IcarusCompile.Run(sources, bench.Top, Path.Combine(_work.Path, "bench.vvp"));
        Assert.True(icarus.IsClean, string.Join("\n", icarus.Diagnostics));
    }
}
