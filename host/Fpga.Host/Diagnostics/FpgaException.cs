namespace Fpga.Host.Diagnostics;

/// <summary>
/// A failure caused by the user's input or environment (a malformed file, a missing tool,
/// a wrong shape). The CLI prints its message as one line and exits non-zero; anything else
/// that escapes is a bug and keeps its stack trace.
/// </summary>
public class FpgaException(string message, Exception? inner = null) : Exception(message, inner);
