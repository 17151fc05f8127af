namespace Fpga.Gen.Hdl;

/// <summary>Builds the statements of a testbench's initial block in the order written.</summary>
public sealed class ProcessBuilder
{
    private readonly List<Statement> _statements = [];

    public IReadOnlyList<Statement> Statements => _statements;

    /// <summary>A blocking assignment to a testbench variable.</summary>
    public ProcessBuilder Assign(Signal target, Expr value) => Add(new AssignStatement(target, value));

    public ProcessBuilder Assign(Signal target, long value) => Assign(target, Expr.Const(value, target.Type));

    public ProcessBuilder If(Expr condition, Action<ProcessBuilder> then, Action<ProcessBuilder>? otherwise = null) =>
        Add(new IfStatement(condition, Nested(then), otherwise is null ? [] : Nested(otherwise)));

    public ProcessBuilder While(Expr condition, Action<ProcessBuilder> body) => Add(new WhileStatement(condition, Nested(body)));

    public ProcessBuilder For(Signal counter, Expr from, Expr condition, Expr next, Action<ProcessBuilder> body) =>
        Add(new ForStatement(counter, from, condition, next, Nested(body)));

    /// <summary><c>for (counter = 0; counter &lt; count; counter = counter + 1)</c>.</summary>
    public ProcessBuilder For(Signal counter, Expr count, Action<ProcessBuilder> body) =>
        For(counter, Expr.Zero(counter.Type), counter.Lt(count), counter + 1, body);

    public ProcessBuilder Forever(Action<ProcessBuilder> body) => Add(new ForeverStatement(Nested(body)));

    public ProcessBuilder Delay(long time) => Add(new DelayStatement(time));

    public ProcessBuilder WaitPosedge(Signal signal) => Add(new EdgeWaitStatement(Edge.Posedge, signal));

    public ProcessBuilder WaitNegedge(Signal signal) => Add(new EdgeWaitStatement(Edge.Negedge, signal));

    public ProcessBuilder Display(string format, params Expr[] arguments) => Add(new DisplayStatement(format, arguments));

    public ProcessBuilder Finish() => Add(new FinishStatement());

    public ProcessBuilder ReadMemHex(string fileName, RegArray array) => Add(new ReadMemHexStatement(fileName, array));

    private ProcessBuilder Add(Statement statement)
    {
        _statements.Add(statement);
        return this;
    }

    private static IReadOnlyList<Statement> Nested(Action<ProcessBuilder> body)
    {
        var nested = new ProcessBuilder();
        body(nested);
        return nested.Statements;
    }
}
