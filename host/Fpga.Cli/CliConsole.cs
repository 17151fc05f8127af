namespace Fpga.Cli;

/// <summary>The two writers every command prints to; the real console or a test's capture.</summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error);
