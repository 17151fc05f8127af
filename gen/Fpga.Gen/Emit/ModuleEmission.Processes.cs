using Fpga.Gen.Hdl;

namespace Fpga.Gen.Emit;

/// <summary>A testbench's initial blocks and the simulation-only statements inside them.</summary>
internal sealed partial class ModuleEmission
{
    private readonly List<Action<IndentedWriter>> _processBlocks = [];
    private bool _inProcess;

    private void CollectProcess(InitialProcess process)
    {
        _inProcess = true;
        var body = RenderStatements(process.Body);
        _inProcess = false;
        _processBlocks.Add(w =>
        {
            w.Line("initial begin");
            using (w.Indent()) body(w);
            w.Line("end");
        });
    }

    private Action<IndentedWriter> RenderSimulation(SimulationStatement statement)
    {
        switch (statement)
        {
            case DelayStatement d:
                return w => w.Line($"#{d.Time};");
            case EdgeWaitStatement e:
                var edge = $"@({(e.Edge == Edge.Posedge ? "posedge" : "negedge")} {_signalNames[e.Signal]});";
                return w => w.Line(edge);
            case WhileStatement loop:
                return Loop($"while ({Render(loop.Condition)})", RenderStatements(loop.Body));
            case ForStatement f:
                var counter = _signalNames[f.Counter];
                return Loop($"for ({counter} = {Render(f.From)}; {Render(f.Condition)}; {counter} = {Render(f.Next)})", RenderStatements(f.Body));
            case ForeverStatement f:
                return Loop("forever", RenderStatements(f.Body));
            case DisplayStatement d:
                var arguments = string.Concat(d.Arguments.Select(a => ", " + Render(a)));
                var display = $"$display(\"{d.Format}\"{arguments});";
                return w => w.Line(display);
            case FinishStatement:
                return w => w.Line("$finish;");
            case ReadMemHexStatement r:
                var read = $"$readmemh(\"{r.FileName}\", {_arrayNames[r.Array]});";
                return w => w.Line(read);
            default:
                throw new InvalidOperationException($"no Verilog for {statement.GetType().Name}");
        }
    }

    private static Action<IndentedWriter> Loop(string head, Action<IndentedWriter> body) => w =>
    {
        w.Line($"{head} begin");
        using (w.Indent()) body(w);
        w.Line("end");
    };
}
