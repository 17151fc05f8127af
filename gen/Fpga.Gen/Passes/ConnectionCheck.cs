using Fpga.Gen.Hdl;
using Fpga.Gen.Ir;

namespace Fpga.Gen.Passes;

/// <summary>Every port of every instance is connected exactly once, in its own direction.</summary>
public static class ConnectionCheck
{
    private const string Check = "connection check";

    public static void Run(ModuleIr module)
    {
        foreach (var instance in module.Instances)
        {
            var ports = instance.Target.Ports.ToDictionary(p => p.Name);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (port, direction) in instance.Inputs.Select(i => (i.Key, PortDirection.Input))
                         .Concat(instance.Outputs.Select(o => (o.Key, PortDirection.Output))))
            {
                string where = $"{instance.Name}.{port}";
                if (!ports.TryGetValue(port, out var spec))
                    Fail(module, where, $"module '{instance.Target.Name}' has no port '{port}'");
                else if (spec.Direction != direction)
                    Fail(module, where, $"is an {spec.Direction.ToString().ToLowerInvariant()} of '{instance.Target.Name}' but is connected as an {direction.ToString().ToLowerInvariant()}");
                if (!seen.Add(port)) Fail(module, where, "is connected twice");
            }
            foreach (var missing in ports.Keys.Where(p => !seen.Contains(p)))
                Fail(module, $"{instance.Name}.{missing}", "is not connected; connect every port");
            if (instance.Target is ModuleIr && instance.Parameters.Count > 0)
                Fail(module, instance.Name, "passes parameters to a generated module, whose widths are already elaborated");
        }
    }

    private static void Fail(ModuleIr module, string where, string problem) => throw new HdlCheckException(Check, module.Name, where, problem);
}
