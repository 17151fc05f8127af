using System.Globalization;

namespace Fpga.Sim.Verilator;

/// <summary>
/// The exact Verilator invocation for a model, with paths relative to the build directory so the
/// same recipe hashes the same wherever the cache lives.
/// </summary>
internal sealed class VerilatorBuildRecipe
{
    public const string BinaryName = "fpga-sim";
    public const string SourceFolder = "src";
    public const string HarnessFolder = "harness";
    public const string ObjectFolder = "obj";
    public const string PortConfigFile = "ports.vlt";

    /// <summary>
    /// VPI aborts on values of this many 32-bit words or more; the default (64) would cap ports at
    /// 2016 bits, and accelerator buses can be wider.
    /// </summary>
    private const int VpiValueWords = 4096;

    public VerilatorBuildRecipe(VerilatorModelOptions options, HarnessSources harness)
    {
        SourceNames = options.Sources.Select(source => Path.GetFileName(source)).ToList();
        var duplicate = SourceNames.GroupBy(name => name, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"two sources are named '{duplicate.Key}'; source file names must be distinct", nameof(options));
        }
        PortConfig = options.PublicInternalSignals ? null
            : $"`verilator_config\npublic_flat_rw -module \"{options.TopModule}\" -var \"*\"\n";

        var arguments = new List<string>
        {
            "--cc", "--exe", "--build",
            "--vpi", "--prefix", "Vdut",
            "--top-module", options.TopModule,
            "-Mdir", ObjectFolder, "-o", BinaryName,
            "-CFLAGS", $"-DVL_VALUE_STRING_MAX_WORDS={VpiValueWords}",
            // Verilator's default for the model's hot code is -Os; -O2 is measurably faster.
            "-MAKEFLAGS", "OPT_FAST=-O2",
        };
        arguments.AddRange(options.Waveform switch
        {
            WaveformFormat.None => [],
            WaveformFormat.Vcd => ["--trace"],
            WaveformFormat.Fst => ["--trace-fst"],
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Waveform, "unknown waveform format"),
        });
        arguments.Add(PortConfig is null ? "--public-flat-rw" : PortConfigFile);
        arguments.AddRange(options.ExtraFlags);
        arguments.AddRange(SourceNames.Select(name => $"{SourceFolder}/{name}"));
        arguments.AddRange(harness.CppFiles.Select(name => $"{HarnessFolder}/{name}"));
        Arguments = arguments;
    }

    /// <summary>Everything after "verilator" except the job count, which does not change the result.</summary>
    public IReadOnlyList<string> Arguments { get; }

    public IReadOnlyList<string> SourceNames { get; }

    /// <summary>The Verilator configuration file making the top module's signals public, or null with --public-flat-rw.</summary>
    public string? PortConfig { get; }

    public static IEnumerable<string> JobArguments() =>
        ["--build-jobs", Math.Max(1, Environment.ProcessorCount).ToString(CultureInfo.InvariantCulture)];
}
