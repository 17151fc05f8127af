namespace Fpga.Gen.Hdl;

/// <summary>A statement of a combinational block; blocks assign whole signals only.</summary>
public abstract class Statement;

public sealed class AssignStatement(Signal target, Expr value) : Statement
{
    public Signal Target { get; } = target;
    public Expr Value { get; } = value;
}

public sealed class IfStatement(Expr condition, IReadOnlyList<Statement> then, IReadOnlyList<Statement> otherwise) : Statement
{
    public Expr Condition { get; } = condition;
    public IReadOnlyList<Statement> Then { get; } = then;
    public IReadOnlyList<Statement> Else { get; } = otherwise;
}

public sealed record CaseArm(ConstExpr Label, IReadOnlyList<Statement> Body);

/// <summary>A case with a mandatory default arm (possibly empty), so tools never see an incomplete case.</summary>
public sealed class CaseStatement(Expr subject, IReadOnlyList<CaseArm> arms, IReadOnlyList<Statement> defaultBody) : Statement
{
    public Expr Subject { get; } = subject;
    public IReadOnlyList<CaseArm> Arms { get; } = arms;
    public IReadOnlyList<Statement> Default { get; } = defaultBody;
}

/// <summary>An <c>always @*</c> block: blocking assignments, defaults first by convention.</summary>
public sealed class CombBlock(IReadOnlyList<Statement> body)
{
    public IReadOnlyList<Statement> Body { get; } = body;
}

/// <summary>A continuous assignment.</summary>
public sealed record ContinuousAssign(Signal Target, Expr Value);
