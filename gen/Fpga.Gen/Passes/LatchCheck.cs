using Fpga.Gen.Hdl;
using Fpga.Gen.Ir;

namespace Fpga.Gen.Passes;

/// <summary>
/// A combinational block must assign every signal it drives on every path through it;
/// otherwise the signal keeps its old value, and synthesis builds a latch.
/// </summary>
public static class LatchCheck
{
    private const string Check = "latch check";

    public static void Run(ModuleIr module)
    {
        foreach (var block in module.CombBlocks)
        {
            var always = DefinitelyAssigned(block.Body);
            foreach (var target in ExprWalk.Assignments(block.Body).Select(a => a.Target).Distinct())
            {
                if (!always.Contains(target))
                    throw new HdlCheckException(Check, module.Name, target.Name,
                        "is not assigned on every path of its combinational block, which infers a latch; assign a default first");
            }
        }
    }

    private static HashSet<Signal> DefinitelyAssigned(IReadOnlyList<Statement> statements)
    {
        var assigned = new HashSet<Signal>();
        foreach (var statement in statements)
        {
            switch (statement)
            {
                case AssignStatement a:
                    assigned.Add(a.Target);
                    break;
                case IfStatement i:
                    var both = DefinitelyAssigned(i.Then);
                    both.IntersectWith(DefinitelyAssigned(i.Else));
                    assigned.UnionWith(both);
                    break;
                case CaseStatement c:
                    var all = DefinitelyAssigned(c.Default);
                    foreach (var arm in c.Arms) all.IntersectWith(DefinitelyAssigned(arm.Body));
                    assigned.UnionWith(all);
                    break;
            }
        }
        return assigned;
    }
}
