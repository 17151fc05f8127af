namespace Fpga.Gen.Boards.Clocking;

/// <summary>No divider setting of the primitive reaches the requested frequency within its limits.</summary>
public sealed class ClockPlanException(string message) : Exception(message);
