namespace Fpga.Gen.Hdl;

public enum PortDirection { Input, Output }

public sealed record PortSpec(string Name, PortDirection Direction, HdlType Type);

/// <summary>
/// What an instance needs to know of the module it instantiates: its name, its ports, and
/// which outputs depend combinationally on which inputs (for the loop check across hierarchy).
/// Implemented by generated modules and by black boxes (vendor primitives).
/// </summary>
public interface IModuleInterface
{
    string Name { get; }
    IReadOnlyList<PortSpec> Ports { get; }

    /// <summary>For each output port, the input ports it depends on without a register between.</summary>
    IReadOnlyDictionary<string, IReadOnlySet<string>> CombinationalPaths { get; }
}

/// <summary>
/// A module defined outside the generator (an FPGA primitive such as SB_SPRAM256KA or
/// SB_PLL40_CORE). Its combinational paths are declared by whoever describes it; none by default,
/// as vendor RAMs and PLLs register their outputs.
/// </summary>
public sealed class BlackBox(string name, IReadOnlyList<PortSpec> ports, IReadOnlyDictionary<string, IReadOnlySet<string>>? combinationalPaths = null)
    : IModuleInterface
{
    public string Name { get; } = name;
    public IReadOnlyList<PortSpec> Ports { get; } = ports;
    public IReadOnlyDictionary<string, IReadOnlySet<string>> CombinationalPaths { get; } =
        combinationalPaths ?? new Dictionary<string, IReadOnlySet<string>>();
}
