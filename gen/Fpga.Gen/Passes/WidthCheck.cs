using Fpga.Gen.Hdl;
using Fpga.Gen.Ir;

namespace Fpga.Gen.Passes;

/// <summary>
/// Every assignment, register, memory port and instance connection has exactly the type of
/// what it drives, and every condition is one bit: Verilog would otherwise silently extend or
/// truncate.
/// </summary>
public static class WidthCheck
{
    private const string Check = "width check";

    public static void Run(ModuleIr module)
    {
        foreach (var assign in module.Assigns) Same(module, assign.Target, assign.Target.Type, assign.Value.Type, "is assigned");
        foreach (var block in module.CombBlocks) Statements(module, block.Body);
        foreach (var process in module.Processes) Statements(module, process.Body);
        foreach (var reg in module.Registers)
        {
            Same(module, reg.Q, reg.Q.Type, reg.Next!.Type, "is loaded with");
            if (reg.Enable is { Width: not 1 } enable) Fail(module, reg.Q.Name, $"has a {enable.Type} enable; an enable is 1 bit");
        }
        foreach (var memory in module.Memories)
        {
            foreach (var write in memory.Writes)
            {
                Bit(module, memory.Name, write.Enable, "write enable");
                Width(module, memory.Name, write.Address, memory.AddressWidth, "write address");
                Width(module, memory.Name, write.Data, memory.Width, "write data");
                foreach (var lane in write.LaneEnables ?? []) Bit(module, memory.Name, lane, "lane write enable");
            }
            foreach (var read in memory.Reads)
            {
                Width(module, memory.Name, read.Address, memory.AddressWidth, "read address");
                if (read.Enable is not null) Bit(module, memory.Name, read.Enable, "read enable");
            }
        }
        foreach (var instance in module.Instances)
        {
            var ports = instance.Target.Ports.ToDictionary(p => p.Name);
            foreach (var (port, value) in instance.Inputs)
                if (ports.TryGetValue(port, out var spec) && spec.Type.Width != value.Width)
                    Fail(module, $"{instance.Name}.{port}", $"is a {spec.Type.Width}-bit port connected to a {value.Width}-bit value");
            foreach (var (port, signal) in instance.Outputs)
                if (ports.TryGetValue(port, out var spec) && spec.Type.Width != signal.Width)
                    Fail(module, signal.Name, $"is {signal.Width} bits but driven by the {spec.Type.Width}-bit port {instance.Name}.{port}");
        }
    }

    private static void Statements(ModuleIr module, IEnumerable<Statement> statements)
    {
        foreach (var statement in statements)
        {
            switch (statement)
            {
                case AssignStatement a:
                    Same(module, a.Target, a.Target.Type, a.Value.Type, "is assigned");
                    break;
                case IfStatement i:
                    Condition(module, i.Condition, "if-condition");
                    Statements(module, i.Then);
                    Statements(module, i.Else);
                    break;
                case CaseStatement c:
                    foreach (var arm in c.Arms) Statements(module, arm.Body);
                    Statements(module, c.Default);
                    break;
                case WhileStatement w:
                    Condition(module, w.Condition, "while-condition");
                    Statements(module, w.Body);
                    break;
                case ForStatement f:
                    Same(module, f.Counter, f.Counter.Type, f.From.Type, "is initialized with");
                    Same(module, f.Counter, f.Counter.Type, f.Next.Type, "is stepped to");
                    Condition(module, f.Condition, "for-condition");
                    Statements(module, f.Body);
                    break;
                case ForeverStatement f:
                    Statements(module, f.Body);
                    break;
            }
        }
    }

    private static void Condition(ModuleIr module, Expr condition, string what)
    {
        if (condition.Width != 1) Fail(module, Describe(condition), $"is a {condition.Type} {what}; a condition is 1 bit");
    }

    private static void Same(ModuleIr module, Signal target, HdlType expected, HdlType actual, string verb)
    {
        if (expected != actual) Fail(module, target.Name, $"({expected}) {verb} a {actual} value");
    }

    private static void Bit(ModuleIr module, string memory, Expr value, string what)
    {
        if (value.Width != 1) Fail(module, memory, $"{what} is {value.Width} bits; it must be 1");
    }

    private static void Width(ModuleIr module, string memory, Expr value, int width, string what)
    {
        if (value.Width != width) Fail(module, memory, $"{what} is {value.Width} bits; it must be {width}");
    }

    private static string Describe(Expr e) => e is Signal s ? s.Name : ExprWalk.Signals(e).FirstOrDefault()?.Name ?? "constant";

    private static void Fail(ModuleIr module, string signal, string problem) => throw new HdlCheckException(Check, module.Name, signal, problem);
}
