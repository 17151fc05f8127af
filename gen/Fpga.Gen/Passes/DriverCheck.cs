using Fpga.Gen.Hdl;
using Fpga.Gen.Ir;

namespace Fpga.Gen.Passes;

/// <summary>
/// Every output and internal signal has exactly one driver, no input is driven from inside,
/// and no expression reaches into another module's signals.
/// </summary>
public static class DriverCheck
{
    private const string Check = "driver check";

    public static void Run(ModuleIr module)
    {
        var drivers = Drivers(module);
        foreach (var signal in module.AllSignals)
        {
            drivers.TryGetValue(signal, out var list);
            int count = list?.Count ?? 0;
            if (signal.Kind == SignalKind.Input && count > 0)
                Fail(module, signal, $"is an input but is driven by {string.Join(" and ", list!)}");
            if (signal.Kind != SignalKind.Input && count == 0)
                Fail(module, signal, "is never driven (undriven net)");
            if (count > 1)
                Fail(module, signal, $"is driven more than once: by {string.Join(" and ", list!)}");
        }
        var own = module.AllSignals.ToHashSet();
        foreach (var expr in Reads(module))
            foreach (var signal in ExprWalk.Signals(expr))
                if (!own.Contains(signal))
                    Fail(module, signal, $"belongs to module '{signal.ModuleName}' and cannot be read here");
        foreach (var signal in drivers.Keys)
            if (!own.Contains(signal))
                Fail(module, signal, $"belongs to module '{signal.ModuleName}' and cannot be driven here");
        var arrays = module.Arrays.ToHashSet();
        var foreignArray = Reads(module).SelectMany(ExprWalk.Nodes).OfType<ArrayElementExpr>().Select(e => e.Array)
            .Concat(module.Processes.SelectMany(p => ExprWalk.Statements(p.Body)).OfType<ReadMemHexStatement>().Select(r => r.Array))
            .FirstOrDefault(a => !arrays.Contains(a));
        if (foreignArray is not null)
            throw new HdlCheckException(Check, module.Name, foreignArray.Name, $"is an array of module '{foreignArray.ModuleName}' and cannot be used here");
    }

    /// <summary>Each signal's drivers, described for messages; a comb block counts once however often it assigns.</summary>
    public static Dictionary<Signal, List<string>> Drivers(ModuleIr module)
    {
        var drivers = new Dictionary<Signal, List<string>>();
        void Add(Signal s, string what)
        {
            if (!drivers.TryGetValue(s, out var list)) drivers[s] = list = [];
            list.Add(what);
        }
        foreach (var assign in module.Assigns) Add(assign.Target, "a continuous assignment");
        for (int b = 0; b < module.CombBlocks.Count; b++)
            foreach (var target in ExprWalk.Assignments(module.CombBlocks[b].Body).Select(a => a.Target).Distinct())
                Add(target, $"combinational block {b + 1}");
        foreach (var reg in module.Registers) Add(reg.Q, "a register");
        foreach (var memory in module.Memories)
            foreach (var read in memory.Reads) Add(read.Data, $"a read port of memory '{memory.Name}'");
        foreach (var instance in module.Instances)
            foreach (var (port, signal) in instance.Outputs) Add(signal, $"instance port {instance.Name}.{port}");
        for (int p = 0; p < module.Processes.Count; p++)
            foreach (var target in ExprWalk.Assignments(module.Processes[p].Body).Select(a => a.Target).Distinct())
                Add(target, $"initial block {p + 1}");
        return drivers;
    }

    private static IEnumerable<Expr> Reads(ModuleIr module)
    {
        foreach (var a in module.Assigns) yield return a.Value;
        foreach (var e in module.CombBlocks.SelectMany(b => ExprWalk.Reads(b.Body))) yield return e;
        foreach (var reg in module.Registers)
        {
            yield return reg.Next!;
            if (reg.Enable is not null) yield return reg.Enable;
        }
        foreach (var memory in module.Memories)
        {
            foreach (var w in memory.Writes)
            {
                yield return w.Enable; yield return w.Address; yield return w.Data;
                foreach (var lane in w.LaneEnables ?? []) yield return lane;
            }
            foreach (var r in memory.Reads) { yield return r.Address; if (r.Enable is not null) yield return r.Enable; }
        }
        foreach (var instance in module.Instances)
            foreach (var (_, value) in instance.Inputs) yield return value;
        foreach (var e in module.Processes.SelectMany(p => ExprWalk.Reads(p.Body))) yield return e;
    }

    private static void Fail(ModuleIr module, Signal signal, string problem) => throw new HdlCheckException(Check, module.Name, signal.Name, problem);
}
