namespace Fpga.Gen.Hdl;

public enum SignalKind { Input, Output, Internal }

/// <summary>
/// A named net of a module. What drives it (a continuous assignment, a combinational block,
/// a register, a memory read port or an instance output) is recorded by the module, not here,
/// so the driver checks can see every driver at once. Identity is by reference.
/// </summary>
public sealed class Signal : Expr
{
    internal Signal(string name, HdlType type, SignalKind kind, string moduleName) : base(type)
    {
        Name = name;
        Kind = kind;
        ModuleName = moduleName;
    }

    public string Name { get; }
    public SignalKind Kind { get; }
    public string ModuleName { get; }
    public bool IsPort => Kind != SignalKind.Internal;
    public override IEnumerable<Expr> Operands => [];
    public override string ToString() => $"{ModuleName}.{Name}";
}
