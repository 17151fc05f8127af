using Fpga.Sim.Verilator;

namespace Fpga.Sim.Tests;

/// <summary>The hand-written fixture sim/harness/selftest/selftest_counter.v, as shipped in the build output.</summary>
internal static class SelfTestDesign
{
    public const string TopModule = "selftest_counter";

    public static string SourcePath => Path.Combine(AppContext.BaseDirectory, "harness", "selftest", TopModule + ".v");

    public static IReadOnlyList<string> Sources => [SourcePath];

    public static VerilatorModelOptions ModelOptions(WaveformFormat waveform = WaveformFormat.None) => new()
    {
        Sources = Sources,
        TopModule = TopModule,
        Waveform = waveform,
    };

    public const int CountWidth = 40;
    public const int WideWidth = 300;
}
