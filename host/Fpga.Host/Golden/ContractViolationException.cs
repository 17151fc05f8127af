namespace Fpga.Host.Golden;

/// <summary>
/// A value of the golden model left the width docs/NUMERICS.md derives for it. This is a bug
/// in the contract (or in the golden model), never a user error: the RTL would overflow there.
/// </summary>
public sealed class ContractViolationException(string message) : Exception(message);
