using System.Diagnostics;
using Fpga.Sim.Caching;
using Fpga.Sim.Tools;

namespace Fpga.Sim.Verilator;

/// <summary>
/// Verilates a design together with the generic harness into a simulation binary, once per
/// distinct input: the binary is cached under <see cref="VerilatorModelHash"/> and shared by
/// every process that asks for the same design.
/// </summary>
public static class VerilatorModelBuild
{
    public const string BuildLogFile = "build.log";

    /// <summary>The cache key the options would build under, without building.</summary>
    public static string ComputeHash(VerilatorModelOptions options, CancellationToken cancellation = default)
    {
        var (recipe, harness, _) = Prepare(options, cancellation);
        return Hash(options, recipe, harness, cancellation);
    }

    /// <exception cref="SimulationException">Verilator is missing, or the design or harness does not compile (the message carries the compiler output tail).</exception>
    public static VerilatorModel Build(VerilatorModelOptions options, CancellationToken cancellation = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var (recipe, harness, verilator) = Prepare(options, cancellation);
        var hash = Hash(options, recipe, harness, cancellation);
        var cache = new BuildCache(options.CacheDirectory ?? BuildCacheLocation.Default);
        if (cache.Root.Contains(' '))
        {
            throw new SimulationException(
                $"the Verilator cache directory '{cache.Root}' contains a space, which GNU make cannot build in; "
                + $"point {BuildCacheLocation.OverrideVariable} somewhere without spaces");
        }
        // Waiting for a parallel build of the same design can take as long as that build.
        var entry = cache.GetOrBuild(hash, staging => Compile(options, recipe, harness, verilator, staging, cancellation),
            options.BuildTimeout + TimeSpan.FromMinutes(1), cancellation);
        var binary = Path.Combine(entry.Directory, VerilatorBuildRecipe.BinaryName);
        if (!File.Exists(binary))
        {
            throw new SimulationException($"cache entry '{entry.Directory}' has no {VerilatorBuildRecipe.BinaryName}; delete the directory and build again");
        }
        return new VerilatorModel(options.TopModule, hash, binary, options.Waveform, entry.FromCache, stopwatch.Elapsed);
    }

    private static (VerilatorBuildRecipe Recipe, HarnessSources Harness, string Verilator) Prepare(VerilatorModelOptions options, CancellationToken cancellation)
    {
        if (options.Sources.Count == 0)
        {
            throw new ArgumentException("at least one Verilog source is needed", nameof(options));
        }
        if (string.IsNullOrWhiteSpace(options.TopModule))
        {
            throw new ArgumentException("the top module name is empty", nameof(options));
        }
        foreach (var source in options.Sources)
        {
            if (!File.Exists(source))
            {
                throw new SimulationException($"Verilog source '{source}' does not exist");
            }
        }
        cancellation.ThrowIfCancellationRequested();
        var verilator = options.Tools.ResolveVerilator();
        var harness = HarnessSources.Locate(options.HarnessDirectory);
        return (new VerilatorBuildRecipe(options, harness), harness, verilator);
    }

    private static string Hash(VerilatorModelOptions options, VerilatorBuildRecipe recipe, HarnessSources harness, CancellationToken cancellation)
    {
        var version = VerilatorVersion.Of(options.Tools.ResolveVerilator(), cancellation);
        return VerilatorModelHash.Compute(options, recipe, harness, version);
    }

    private static void Compile(VerilatorModelOptions options, VerilatorBuildRecipe recipe, HarnessSources harness, string verilator, string staging, CancellationToken cancellation)
    {
        // Building from copies makes the binary exactly what was hashed, even if a source changes meanwhile.
        var sourceFolder = Directory.CreateDirectory(Path.Combine(staging, VerilatorBuildRecipe.SourceFolder)).FullName;
        for (var i = 0; i < options.Sources.Count; i++)
        {
            File.Copy(options.Sources[i], Path.Combine(sourceFolder, recipe.SourceNames[i]));
        }
        var harnessFolder = Directory.CreateDirectory(Path.Combine(staging, VerilatorBuildRecipe.HarnessFolder)).FullName;
        foreach (var file in harness.Files)
        {
            File.Copy(Path.Combine(harness.Directory, file), Path.Combine(harnessFolder, file));
        }
        File.WriteAllText(Path.Combine(staging, VerilatorBuildRecipe.HarnessUnityFile), recipe.HarnessUnity);
        if (recipe.PortConfig is not null)
        {
            File.WriteAllText(Path.Combine(staging, VerilatorBuildRecipe.PortConfigFile), recipe.PortConfig);
        }

        var arguments = recipe.Arguments.Concat(VerilatorBuildRecipe.JobArguments()).ToList();
        var result = ProcessRunner.Run(verilator, arguments, staging, options.BuildTimeout, cancellation);
        File.WriteAllText(Path.Combine(staging, BuildLogFile),
            $"verilator {string.Join(' ', arguments)}\nexit code {result.ExitCode}, {result.Elapsed.TotalSeconds:0.0} s\n\n{result.CombinedOutput}");
        var built = Path.Combine(staging, VerilatorBuildRecipe.ObjectFolder, VerilatorBuildRecipe.BinaryName);
        if (result.ExitCode != 0 || !File.Exists(built))
        {
            throw new SimulationException(
                $"Verilator build of top module '{options.TopModule}' failed with exit code {result.ExitCode}"
                + OutputTail.Section("verilator/g++ output", result.CombinedOutput));
        }
        File.Move(built, Path.Combine(staging, VerilatorBuildRecipe.BinaryName));
        // The object folder is hundreds of files and megabytes; the binary and the sources are all a run needs.
        Directory.Delete(Path.Combine(staging, VerilatorBuildRecipe.ObjectFolder), recursive: true);
    }
}
