using System.Numerics;

namespace Fpga.Gen.Hdl;

/// <summary>
/// A flip-flop on the module's clock: <c>q &lt;= next</c>, only when <see cref="Enable"/> is high if
/// one is given. Only registers that need a known state after reset have a reset value
/// (control, not data paths), and all of them use the design's one reset convention.
/// </summary>
public sealed class Register(Signal q, BigInteger? resetValue)
{
    public Signal Q { get; } = q;
    public BigInteger? ResetValue { get; } = resetValue;
    public Expr? Next { get; internal set; }
    public Expr? Enable { get; internal set; }
}
