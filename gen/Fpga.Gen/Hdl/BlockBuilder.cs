namespace Fpga.Gen.Hdl;

/// <summary>Builds the statements of a combinational block in the order written.</summary>
public sealed class BlockBuilder
{
    private readonly List<Statement> _statements = [];

    public IReadOnlyList<Statement> Statements => _statements;

    public BlockBuilder Assign(Signal target, Expr value)
    {
        _statements.Add(new AssignStatement(target, value));
        return this;
    }

    public BlockBuilder Assign(Signal target, long value) => Assign(target, Expr.Const(value, target.Type));

    public BlockBuilder If(Expr condition, Action<BlockBuilder> then, Action<BlockBuilder>? otherwise = null)
    {
        _statements.Add(new IfStatement(condition, Nested(then), otherwise is null ? [] : Nested(otherwise)));
        return this;
    }

    public BlockBuilder Case(Expr subject, IEnumerable<(long Label, Action<BlockBuilder> Body)> arms, Action<BlockBuilder>? defaultBody = null)
    {
        var built = arms.Select(a => new CaseArm(Expr.Const(a.Label, subject.Type), Nested(a.Body))).ToArray();
        _statements.Add(new CaseStatement(subject, built, defaultBody is null ? [] : Nested(defaultBody)));
        return this;
    }

    private static IReadOnlyList<Statement> Nested(Action<BlockBuilder> body)
    {
        var nested = new BlockBuilder();
        body(nested);
        return nested.Statements;
    }
}
