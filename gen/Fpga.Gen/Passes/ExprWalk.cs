using Fpga.Gen.Hdl;

namespace Fpga.Gen.Passes;

internal static class ExprWalk
{
    /// <summary>Every expression node under (and including) the root, parents before children.</summary>
    public static IEnumerable<Expr> Nodes(Expr root)
    {
        var stack = new Stack<Expr>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            foreach (var operand in node.Operands.Reverse()) stack.Push(operand);
        }
    }

    public static IEnumerable<Signal> Signals(Expr root) => Nodes(root).OfType<Signal>();

    /// <summary>Every expression a statement list reads, conditions included.</summary>
    public static IEnumerable<Expr> Reads(IEnumerable<Statement> statements)
    {
        foreach (var statement in statements)
        {
            switch (statement)
            {
                case AssignStatement a:
                    yield return a.Value;
                    break;
                case IfStatement i:
                    yield return i.Condition;
                    foreach (var e in Reads(i.Then).Concat(Reads(i.Else))) yield return e;
                    break;
                case CaseStatement c:
                    yield return c.Subject;
                    foreach (var e in c.Arms.SelectMany(a => Reads(a.Body)).Concat(Reads(c.Default))) yield return e;
                    break;
                case WhileStatement w:
                    yield return w.Condition;
                    foreach (var e in Reads(w.Body)) yield return e;
                    break;
                case ForStatement f:
                    yield return f.From;
                    yield return f.Condition;
                    yield return f.Next;
                    foreach (var e in Reads(f.Body)) yield return e;
                    break;
                case ForeverStatement f:
                    foreach (var e in Reads(f.Body)) yield return e;
                    break;
                case DisplayStatement d:
                    foreach (var e in d.Arguments) yield return e;
                    break;
                case EdgeWaitStatement w:
                    yield return w.Signal;
                    break;
            }
        }
    }

    /// <summary>Every statement, nested ones included, parents before children.</summary>
    public static IEnumerable<Statement> Statements(IEnumerable<Statement> statements)
    {
        foreach (var statement in statements)
        {
            yield return statement;
            var nested = statement switch
            {
                IfStatement i => i.Then.Concat(i.Else),
                CaseStatement c => c.Arms.SelectMany(a => a.Body).Concat(c.Default),
                WhileStatement w => w.Body,
                ForStatement f => f.Body,
                ForeverStatement f => f.Body,
                _ => [],
            };
            foreach (var inner in Statements(nested)) yield return inner;
        }
    }

    public static IEnumerable<AssignStatement> Assignments(IEnumerable<Statement> statements)
    {
        foreach (var statement in statements)
        {
            switch (statement)
            {
                case AssignStatement a:
                    yield return a;
                    break;
                case IfStatement i:
                    foreach (var a in Assignments(i.Then).Concat(Assignments(i.Else))) yield return a;
                    break;
                case CaseStatement c:
                    foreach (var a in c.Arms.SelectMany(arm => Assignments(arm.Body)).Concat(Assignments(c.Default))) yield return a;
                    break;
                case WhileStatement w:
                    foreach (var a in Assignments(w.Body)) yield return a;
                    break;
                case ForStatement f:
                    // The loop's own initialization and step assign its counter.
                    yield return new AssignStatement(f.Counter, f.From);
                    yield return new AssignStatement(f.Counter, f.Next);
                    foreach (var a in Assignments(f.Body)) yield return a;
                    break;
                case ForeverStatement f:
                    foreach (var a in Assignments(f.Body)) yield return a;
                    break;
            }
        }
    }
}
