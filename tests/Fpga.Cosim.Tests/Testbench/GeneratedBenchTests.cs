using Fpga.Gen.Cores.Lstm;
using Fpga.Gen.Spec;
using Fpga.Gen.Testbench;
using Fpga.Host.Golden;
using Fpga.Host.Testbench;
using Fpga.Sim.Icarus;
using Fpga.Sim.Verilator;

namespace Fpga.Cosim.Tests.Testbench;

/// <summary>
/// The generated self-checking bench of the layer engine, run as a user would run it: under
/// Icarus and as a `verilator --binary` executable, from its own directory.
/// </summary>
public sealed class GeneratedBenchTests : IDisposable
{
    private static readonly AcceleratorSpec Spec = new AcceleratorSpec { InputSize = 10, HiddenSize = 8, WeightCodes = 2, ActivationCodes = 2, Pe = 4, Simd = 4 }.Validate();
    private readonly TestDirectory _work = new();

    public void Dispose() => _work.Dispose();

    private (GeneratedTestbench Bench, string Directory) Write(BenchOptions options)
    {
        var model = BenchModel.ForSpec(Spec, options.Seed);
        var image = ModelImage.Build(model, Spec);
        var engine = LstmLayerEngine.Generate(Spec);
        var bench = LayerEngineTestbench.Create(engine, image, BenchModel.Inputs(model, Spec, options), options);
        return (bench, TestbenchWriter.Write(_work.Path, engine.Module, bench));
    }

    private static string Verdict(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.StartsWith("PASS", StringComparison.Ordinal) || l.StartsWith("FAIL", StringComparison.Ordinal)).ToArray();
        Assert.True(lines.Length == 1, $"expected one verdict line in:\n{output}");
        return lines[0];
    }

    [Fact]
    public void IcarusRunsTheBenchAndEveryOutputMatches()
    {
        var (bench, directory) = Write(new BenchOptions());
        Assert.Equal(32, bench.Steps);
        var run = IcarusBench.Run(bench.Sources.Select(s => Path.Combine(directory, s)).ToArray(), bench.Top, workingDirectory: directory);
        Assert.Equal($"PASS: {32 * Spec.HiddenSize} outputs match", Verdict(run.StandardOutput));
        Assert.Equal("", run.StandardError);
    }

    [Fact]
    public void VerilatorBuildsAndRunsTheSameBenchUnchanged()
    {
        var (bench, directory) = Write(new BenchOptions(Sequences: 3, Steps: 12, Seed: 5));
        var run = VerilatorBinaryBench.Run(bench.Sources.Select(s => Path.Combine(directory, s)).ToArray(), bench.Top, directory);
        Assert.Equal($"PASS: {36 * Spec.HiddenSize} outputs match", Verdict(run.StandardOutput));
    }

    [Fact]
    public void ACorruptedExpectedValueFailsNamingTheOutputAndTheStep()
    {
        var (bench, directory) = Write(new BenchOptions());
        var expectedPath = Path.Combine(directory, BenchFiles.Expected);
        var lines = File.ReadAllLines(expectedPath);
        int index = 5 * Spec.HiddenSize + 3; // output 3 of step 5
        int width = Spec.Hidden.Width;
        long original = Convert.ToInt64(lines[index], 16);
        long corrupted = original ^ 1;
        lines[index] = corrupted.ToString("x", System.Globalization.CultureInfo.InvariantCulture).PadLeft((width + 3) / 4, '0');
        File.WriteAllLines(expectedPath, lines);
        long Signed(long bits) => bits >= 1L << (width - 1) ? bits - (1L << width) : bits;

        var run = IcarusBench.Run(bench.Sources.Select(s => Path.Combine(directory, s)).ToArray(), bench.Top, workingDirectory: directory);

        Assert.Equal($"FAIL: output 3 step 5: got {Signed(original)} expected {Signed(corrupted)}", Verdict(run.StandardOutput));
    }

    [Fact]
    public void TheBenchIsLintCleanUnderVerilatorAndIcarus()
    {
        var (bench, directory) = Write(new BenchOptions(Sequences: 1, Steps: 1));
        var sources = bench.Sources.Select(s => Path.Combine(directory, s)).ToArray();
        // --timing: a testbench waits on delays and clock edges, which Verilator must be told to schedule.
        var warnings = VerilatorLint.Run(sources, bench.Top, ["--timing"]);
        Assert.True(warnings.Count == 0, string.Join("\n", warnings));
        var icarus = IcarusCompile.Run(sources, bench.Top, Path.Combine(_work.Path, "bench.vvp"));
        Assert.True(icarus.IsClean, string.Join("\n", icarus.Diagnostics));
    }
}
