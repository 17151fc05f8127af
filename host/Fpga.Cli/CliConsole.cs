namespace Fpga.Cli;

/// <summary>
/// The writers every command prints to, and the input `fpga sim` waits on; the real console
/// or a test's capture (no input: wait for cancellation only).
/// </summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error, TextReader? In = null);
