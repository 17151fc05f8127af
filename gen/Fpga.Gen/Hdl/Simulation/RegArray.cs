namespace Fpga.Gen.Hdl;

/// <summary>
/// A testbench's array of words (<c>reg [w-1:0] name [0:depth-1]</c>), filled by $readmemh and
/// read by index. Synthesizable modules use <see cref="Memory"/> with its clocked ports instead.
/// </summary>
public sealed class RegArray
{
    internal RegArray(string name, int width, int depth, string moduleName)
    {
        if (width < 1) throw new HdlConstructionException($"array '{name}' needs a width of at least 1");
        if (depth < 1) throw new HdlConstructionException($"array '{name}' needs a depth of at least 1");
        Name = name;
        Width = width;
        Depth = depth;
        ModuleName = moduleName;
    }

    public string Name { get; }
    public int Width { get; }
    public int Depth { get; }
    public string ModuleName { get; }

    /// <summary>The word at a run-time index (an integer counter, typically).</summary>
    public Expr this[Expr index] => new ArrayElementExpr(this, index);

    public override string ToString() => $"{ModuleName}.{Name}";
}

/// <summary>One word of a <see cref="RegArray"/>, unsigned, at a run-time index.</summary>
public sealed class ArrayElementExpr(RegArray array, Expr index) : Expr(HdlType.UInt(array.Width))
{
    public RegArray Array { get; } = array;
    public Expr Index { get; } = index;
    public override IEnumerable<Expr> Operands => [Index];
}
