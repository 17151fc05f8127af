using Fpga.Gen.Hdl;

namespace Fpga.Gen.Cores;

/// <summary>
/// A combinational popcount: pairs summed level by level, each node exactly as wide as the
/// count of the leaves below it needs (so no bit is ever constant zero), level 1 as half
/// adders (on iCE40 a 1+1-bit add written as `+` takes a carry chain per pair). Callers
/// register the result; wide inputs belong in a pipelined tree such as the dot-product unit's.
/// </summary>
public static class PopcountTree
{
    public static Expr Build(ModuleBuilder m, Expr bits, string prefix)
    {
        var nodes = Enumerable.Range(0, bits.Width).Select(i => (Value: bits[i], Leaves: 1)).ToList();
        int level = 0;
        while (nodes.Count > 1)
        {
            level++;
            var next = new List<(Expr Value, int Leaves)>((nodes.Count + 1) / 2);
            for (int i = 0; i < nodes.Count; i += 2)
            {
                if (i + 1 == nodes.Count)
                {
                    next.Add(nodes[i]);
                    continue;
                }
                var (a, b) = (nodes[i], nodes[i + 1]);
                int leaves = a.Leaves + b.Leaves;
                int width = ResultWidth(leaves);
                var sum = leaves == 2
                    ? Expr.Concat(a.Value & b.Value, a.Value ^ b.Value)
                    : a.Value.Resize(width) + b.Value.Resize(width);
                next.Add((m.Define($"{prefix}_l{level}_{i / 2}", sum), leaves));
            }
            nodes = next;
        }
        return nodes[0].Value;
    }

    /// <summary>The width of a count of up to the given number of bits.</summary>
    public static int ResultWidth(int bits) => BitWidth.ForUnsigned(bits);
}
