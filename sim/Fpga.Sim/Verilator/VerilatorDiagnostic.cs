namespace Fpga.Sim.Verilator;

public enum DiagnosticSeverity
{
    Warning,
    Error,
}

/// <summary>
/// One Verilator message. <see cref="Code"/> is the warning or error name (UNUSEDSIGNAL, WIDTH,
/// ...) and is null for plain "%Error:" messages; the location is null when Verilator gives none.
/// </summary>
public sealed record VerilatorDiagnostic(DiagnosticSeverity Severity, string? Code, string? File, int? Line, int? Column, string Message)
{
    /// <summary>The message as Verilator printed it, for assertion output.</summary>
    public string Text { get; init; } = "";

    public override string ToString() => Text.Length > 0 ? Text : $"%{Severity}{(Code is null ? "" : "-" + Code)}: {Message}";
}
