namespace Fpga.Sim;

/// <summary>
/// A failure the user can cause or fix: a simulator that is not installed, RTL that does not
/// compile, a harness that crashed or stopped answering, a port name the design does not have.
/// The message is one self-contained explanation, ending with the relevant tool output tail.
/// </summary>
public sealed class SimulationException(string message, Exception? inner = null) : Exception(message, inner);
