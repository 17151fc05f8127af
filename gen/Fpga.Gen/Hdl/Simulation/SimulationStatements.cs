namespace Fpga.Gen.Hdl;

/// <summary>
/// A statement only a simulator runs. These derive from <see cref="Statement"/> so that an
/// if/else can hold them, but only a testbench's initial blocks may contain them: the
/// synthesizable-subset check rejects any that reach a synthesizable module.
/// </summary>
public abstract class SimulationStatement : Statement;

public enum Edge { Posedge, Negedge }

/// <summary><c>#time;</c> in the module's time unit.</summary>
public sealed class DelayStatement : SimulationStatement
{
    public DelayStatement(long time)
    {
        if (time < 1) throw new HdlConstructionException($"a delay is at least 1 time unit, not {time}");
        Time = time;
    }

    public long Time { get; }
}

/// <summary><c>@(posedge s);</c> or <c>@(negedge s);</c> on a one-bit signal.</summary>
public sealed class EdgeWaitStatement : SimulationStatement
{
    public EdgeWaitStatement(Edge edge, Signal signal)
    {
        if (signal.Width != 1) throw new HdlConstructionException($"an edge is waited for on a 1-bit signal, not {signal} ({signal.Type})");
        Edge = edge;
        Signal = signal;
    }

    public Edge Edge { get; }
    public Signal Signal { get; }
}

public sealed class WhileStatement(Expr condition, IReadOnlyList<Statement> body) : SimulationStatement
{
    public Expr Condition { get; } = condition;
    public IReadOnlyList<Statement> Body { get; } = body;
}

/// <summary><c>for (counter = from; condition; counter = next)</c>: a loop over vector indices.</summary>
public sealed class ForStatement(Signal counter, Expr from, Expr condition, Expr next, IReadOnlyList<Statement> body) : SimulationStatement
{
    public Signal Counter { get; } = counter;
    public Expr From { get; } = from;
    public Expr Condition { get; } = condition;
    public Expr Next { get; } = next;
    public IReadOnlyList<Statement> Body { get; } = body;
}

public sealed class ForeverStatement(IReadOnlyList<Statement> body) : SimulationStatement
{
    public IReadOnlyList<Statement> Body { get; } = body;
}

/// <summary><c>$display(format, args...)</c>; see <see cref="DisplayFormat"/> for what a format may hold.</summary>
public sealed class DisplayStatement : SimulationStatement
{
    public DisplayStatement(string format, IReadOnlyList<Expr> arguments)
    {
        DisplayFormat.Validate(format, arguments.Count);
        Format = format;
        Arguments = arguments.ToArray();
    }

    public string Format { get; }
    public IReadOnlyList<Expr> Arguments { get; }
}

public sealed class FinishStatement : SimulationStatement;

/// <summary><c>$readmemh("file", array);</c>: the file holds one hex word per line, exactly as many as the array.</summary>
public sealed class ReadMemHexStatement : SimulationStatement
{
    public ReadMemHexStatement(string fileName, RegArray array)
    {
        if (fileName.Length == 0 || fileName.Any(c => c is '"' or '\\' or '\n' or '\r' or ' '))
            throw new HdlConstructionException($"vector file name '{fileName}' is empty or holds a quote, backslash, space or newline");
        FileName = fileName;
        Array = array;
    }

    public string FileName { get; }
    public RegArray Array { get; }
}

/// <summary>A testbench's <c>initial</c> block: its statements run once, in order, from time 0.</summary>
public sealed class InitialProcess(IReadOnlyList<Statement> body)
{
    public IReadOnlyList<Statement> Body { get; } = body;
}
