using Fpga.Sim.Verilator;

namespace Fpga.Sim.Board;

/// <summary>What a board simulator is built from: the board top's RTL and its reset pin.</summary>
public sealed record BoardSimulatorOptions
{
    public required IReadOnlyList<string> Sources { get; init; }
    public required string TopModule { get; init; }
    public string ResetPort { get; init; } = "rst";
    public bool ResetActiveHigh { get; init; } = true;
    public WaveformFormat Waveform { get; init; } = WaveformFormat.None;
    public string? CacheDirectory { get; init; }
}

/// <summary>
/// Verilates a board top with the board harness (sim/board: the pseudo-terminal program)
/// instead of the line-protocol harness; cached by content hash like every model.
/// </summary>
public static class BoardSimulatorBuild
{
    public static VerilatorModel Build(BoardSimulatorOptions options, CancellationToken cancellation = default) =>
        VerilatorModelBuild.Build(new VerilatorModelOptions
        {
            Sources = options.Sources,
            TopModule = options.TopModule,
            HarnessDirectory = Path.Combine(AppContext.BaseDirectory, "board"),
            Waveform = options.Waveform,
            CacheDirectory = options.CacheDirectory,
            ExtraFlags = ["-CFLAGS", $"-DBOARD_RESET_PORT={options.ResetPort}", "-CFLAGS", $"-DBOARD_RESET_ACTIVE={(options.ResetActiveHigh ? 1 : 0)}"],
        }, cancellation);
}
