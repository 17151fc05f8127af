namespace Fpga.Gen.Hdl;

/// <summary>
/// Four-state comparison (<c>===</c> or <c>!==</c>): X and Z bits compare as themselves, so an
/// undefined output never passes a check the way it does with <c>!=</c> (whose X result an if
/// treats as false). Simulation-only: the synthesizable-subset check rejects it.
/// </summary>
public sealed class IdentityExpr : Expr
{
    public IdentityExpr(bool identical, Expr left, Expr right) : base(HdlType.Bit)
    {
        if (left.Type != right.Type)
            throw new HdlConstructionException($"operands of a four-state comparison differ: {left.Type} and {right.Type}; resize one explicitly");
        Identical = identical;
        Left = left;
        Right = right;
    }

    /// <summary>True for <c>===</c>, false for <c>!==</c>.</summary>
    public bool Identical { get; }
    public Expr Left { get; }
    public Expr Right { get; }
    public override IEnumerable<Expr> Operands => [Left, Right];
}
