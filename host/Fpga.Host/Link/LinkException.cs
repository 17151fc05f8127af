using Fpga.Host.Diagnostics;

namespace Fpga.Host.Link;

/// <summary>The link failed: a port that cannot be opened, a board that stops answering, a refusal that a retry cannot cure.</summary>
public sealed class LinkException(string message, Exception? inner = null) : FpgaException(message, inner);
