using Fpga.Gen.Hdl;
using Fpga.Gen.Ir;

namespace Fpga.Gen.Passes;

/// <summary>
/// The graph of combinational dependencies of a module: an edge from each signal to every
/// signal its value depends on without a register in between. Registers and registered
/// memory reads cut it; instances contribute their own port-to-port paths.
/// </summary>
public static class CombinationalGraph
{
    private const string Check = "combinational loop check";

    public static Dictionary<Signal, HashSet<Signal>> Build(ModuleIr module)
    {
        var graph = new Dictionary<Signal, HashSet<Signal>>();
        void Edges(Signal target, IEnumerable<Expr> sources)
        {
            if (!graph.TryGetValue(target, out var set)) graph[target] = set = [];
            foreach (var source in sources) set.UnionWith(ExprWalk.Signals(source));
        }
        foreach (var assign in module.Assigns) Edges(assign.Target, [assign.Value]);
        foreach (var block in module.CombBlocks) BlockEdges(block.Body, [], Edges);
        foreach (var memory in module.Memories)
            foreach (var read in memory.Reads.Where(r => !r.Registered)) Edges(read.Data, [read.Address]);
        foreach (var instance in module.Instances)
        {
            var inputs = instance.Inputs.ToDictionary(i => i.Key, i => i.Value);
            foreach (var (port, signal) in instance.Outputs)
            {
                var through = instance.Target.CombinationalPaths.TryGetValue(port, out var set) ? set : new HashSet<string>();
                Edges(signal, through.Where(inputs.ContainsKey).Select(p => inputs[p]));
            }
        }
        return graph;
    }

    /// <summary>Rejects any cycle, naming the signals around it.</summary>
    public static void CheckNoLoops(ModuleIr module)
    {
        var graph = Build(module);
        var state = new Dictionary<Signal, int>(); // 1 = on the current path, 2 = done
        var path = new List<Signal>();
        foreach (var start in module.AllSignals) Visit(start);

        void Visit(Signal node)
        {
            if (state.TryGetValue(node, out int s))
            {
                if (s == 1)
                {
                    var loop = path.Skip(path.IndexOf(node)).Append(node).Select(n => n.Name);
                    throw new HdlCheckException(Check, module.Name, node.Name, $"is part of a combinational loop: {string.Join(" <- ", loop)}");
                }
                return;
            }
            state[node] = 1;
            path.Add(node);
            if (graph.TryGetValue(node, out var next))
                foreach (var n in next.OrderBy(n => n.Name, StringComparer.Ordinal)) Visit(n);
            path.RemoveAt(path.Count - 1);
            state[node] = 2;
        }
    }

    /// <summary>For each output port, the input ports it reaches combinationally.</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> PortPaths(ModuleIr module)
    {
        var graph = Build(module);
        var result = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var output in module.PortSignals.Where(p => p.Kind == SignalKind.Output))
        {
            var reached = new HashSet<string>(StringComparer.Ordinal);
            var seen = new HashSet<Signal>();
            var stack = new Stack<Signal>([output]);
            while (stack.Count > 0)
            {
                var node = stack.Pop();
                if (!seen.Add(node)) continue;
                if (node.Kind == SignalKind.Input) reached.Add(node.Name);
                if (graph.TryGetValue(node, out var next)) foreach (var n in next) stack.Push(n);
            }
            result[output.Name] = reached;
        }
        return result;
    }

    private static void BlockEdges(IReadOnlyList<Statement> statements, IReadOnlyList<Expr> conditions, Action<Signal, IEnumerable<Expr>> edges)
    {
        foreach (var statement in statements)
        {
            switch (statement)
            {
                case AssignStatement a:
                    edges(a.Target, conditions.Append(a.Value));
                    break;
                case IfStatement i:
                    var inner = conditions.Append(i.Condition).ToArray();
                    BlockEdges(i.Then, inner, edges);
                    BlockEdges(i.Else, inner, edges);
                    break;
                case CaseStatement c:
                    var withSubject = conditions.Append(c.Subject).ToArray();
                    foreach (var arm in c.Arms) BlockEdges(arm.Body, withSubject, edges);
                    BlockEdges(c.Default, withSubject, edges);
                    break;
            }
        }
    }
}
