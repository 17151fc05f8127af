using Fpga.Sim.Tools;

namespace Fpga.Sim.Verilator;

/// <summary>Everything that determines a verilated harness binary, plus where to cache it.</summary>
public sealed record VerilatorModelOptions
{
    /// <summary>Verilog source files. Their file names must be distinct: they are copied side by side into the build.</summary>
    public required IReadOnlyList<string> Sources { get; init; }

    public required string TopModule { get; init; }

    /// <summary>Extra Verilator arguments, e.g. -Wno-fatal or -DNAME=VALUE. Part of the cache key.</summary>
    public IReadOnlyList<string> ExtraFlags { get; init; } = [];

    public WaveformFormat Waveform { get; init; } = WaveformFormat.None;

    /// <summary>
    /// Make every signal of the design readable by dotted name (Verilator --public-flat-rw).
    /// Off by default: only the top module's signals are public, so the rest of the design keeps
    /// Verilator's full optimisation.
    /// </summary>
    public bool PublicInternalSignals { get; init; }

    /// <summary>Cache root; null means <see cref="BuildCacheLocation.Default"/>.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>The C++ harness sources; null means the copy shipped next to this assembly.</summary>
    public string? HarnessDirectory { get; init; }

    public ToolLocator Tools { get; init; } = ToolLocator.Default;

    /// <summary>Generous because a large design takes minutes in g++; a stuck build still ends.</summary>
    public TimeSpan BuildTimeout { get; init; } = TimeSpan.FromMinutes(30);
}
