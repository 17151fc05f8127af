using Fpga.Gen.Hdl;
using Fpga.Gen.Ir;

namespace Fpga.Gen.Passes;

/// <summary>
/// A synthesizable module holds no simulation-only construct: no initial block, delay, event
/// wait, loop, $display, $finish or $readmemh, no integer variable, no reg array read by index,
/// no four-state comparison, and no testbench instance. The construction API keeps these in <see cref="TestbenchBuilder"/>;
/// this pass makes sure nothing of them reaches synthesis by another route.
/// </summary>
public static class SynthesizableSubsetCheck
{
    private const string Check = "synthesizable subset check";

    public static void Run(ModuleIr module)
    {
        if (module.Kind != ModuleKind.Synthesizable) return;
        if (module.Processes.Count > 0)
            Fail(module, "initial block 1", "is simulation-only; build testbenches with TestbenchBuilder");
        if (module.Arrays.Count > 0)
            Fail(module, module.Arrays[0].Name, "is a testbench reg array; a synthesizable module uses Memory");
        if (module.Integers.Count > 0)
            Fail(module, module.Integers.First().Name, "is an integer variable, which only a testbench declares");
        for (int b = 0; b < module.CombBlocks.Count; b++)
        {
            var statement = ExprWalk.Statements(module.CombBlocks[b].Body).OfType<SimulationStatement>().FirstOrDefault();
            if (statement is not null)
                Fail(module, $"combinational block {b + 1}", $"holds a {statement.GetType().Name}, which only a simulator runs");
        }
        var element = Expressions(module).SelectMany(ExprWalk.Nodes).OfType<ArrayElementExpr>().FirstOrDefault();
        if (element is not null)
            Fail(module, element.Array.Name, "is a testbench reg array read by index; a synthesizable module reads a Memory port");
        var identity = Expressions(module).SelectMany(ExprWalk.Nodes).OfType<IdentityExpr>().FirstOrDefault();
        if (identity is not null)
            Fail(module, ExprWalk.Signals(identity).FirstOrDefault()?.Name ?? "constant", "is compared with === or !==, which only a simulator evaluates");
        var bench = module.Instances.FirstOrDefault(i => i.Target is ModuleIr { Kind: ModuleKind.Testbench });
        if (bench is not null)
            Fail(module, bench.Name, $"instantiates the testbench '{bench.Target.Name}'; a testbench is a top, never a part");
    }

    private static IEnumerable<Expr> Expressions(ModuleIr module)
    {
        foreach (var a in module.Assigns) yield return a.Value;
        foreach (var e in module.CombBlocks.SelectMany(b => ExprWalk.Reads(b.Body))) yield return e;
        foreach (var reg in module.Registers)
        {
            if (reg.Next is not null) yield return reg.Next;
            if (reg.Enable is not null) yield return reg.Enable;
        }
        foreach (var memory in module.Memories)
        {
            foreach (var w in memory.Writes) { yield return w.Enable; yield return w.Address; yield return w.Data; }
            foreach (var r in memory.Reads) { yield return r.Address; if (r.Enable is not null) yield return r.Enable; }
        }
        foreach (var (_, value) in module.Instances.SelectMany(i => i.Inputs)) yield return value;
    }

    private static void Fail(ModuleIr module, string where, string problem) => throw new HdlCheckException(Check, module.Name, where, problem);
}
