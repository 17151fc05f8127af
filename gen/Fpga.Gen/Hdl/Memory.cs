using System.Numerics;

namespace Fpga.Gen.Hdl;

/// <summary>
/// A write port. With <paramref name="LaneEnables"/> the word is written lane by lane (lane k is
/// bits [k W, (k + 1) W) for W = width / lanes, written when its enable is set) and
/// <paramref name="Enable"/> is their OR: the byte-enable shape block RAMs offer.
/// </summary>
public sealed record MemoryWritePort(Expr Enable, Expr Address, Expr Data, IReadOnlyList<Expr>? LaneEnables = null);

/// <summary>
/// Which RAM a memory should map to, emitted as the <c>ram_style</c> attribute that yosys
/// (memory_libmap), Vivado and nextpnr's flows read; simulators ignore it, so the RTL simulates
/// the same whatever the style.
/// </summary>
public enum MemoryStyle
{
    /// <summary>No attribute: the synthesis tool decides.</summary>
    Auto,
    /// <summary>Block RAM (iCE40 EBR, ECP5 DP16KD, Xilinx BRAM).</summary>
    Block,
    /// <summary>Large single-port RAM (iCE40 UltraPlus SB_SPRAM256KA, Xilinx UltraRAM); one address for every port.</summary>
    Huge,
    /// <summary>Flip-flops and LUTs: for memories too small to spend a block RAM on.</summary>
    Logic,
}

/// <summary>
/// A read port. A registered read (data valid the cycle after the address) is what block RAM
/// offers, so synthesis infers EBR/BRAM from it; an unregistered read maps to LUT RAM.
/// </summary>
public sealed record MemoryReadPort(Expr Address, Expr? Enable, Signal Data, bool Registered);

/// <summary>
/// An array of words written and read on the module's clock, emitted in the shape every
/// synthesis tool infers as RAM: a <c>reg</c> array with one clocked block per port.
/// </summary>
public sealed class Memory
{
    private readonly List<MemoryWritePort> _writes = [];
    private readonly List<MemoryReadPort> _reads = [];
    private readonly ModuleBuilder _owner;

    internal Memory(ModuleBuilder owner, string name, int width, int depth, IReadOnlyList<BigInteger>? initial)
    {
        if (width < 1) throw new HdlConstructionException($"memory '{name}' needs a width of at least 1");
        if (depth < 2) throw new HdlConstructionException($"memory '{name}' needs a depth of at least 2");
        if (initial is not null && initial.Count != depth)
            throw new HdlConstructionException($"memory '{name}' has {depth} words but {initial.Count} initial values");
        _owner = owner;
        Name = name;
        Width = width;
        Depth = depth;
        AddressWidth = BitWidth.Log2Ceiling(depth);
        Initial = initial;
    }

    public string Name { get; }
    public int Width { get; }
    public int Depth { get; }
    public int AddressWidth { get; }

    /// <summary>The RAM this memory should map to (<see cref="MemoryStyle.Auto"/> unless set).</summary>
    public MemoryStyle Style { get; private set; } = MemoryStyle.Auto;

    /// <summary>Asks for a RAM style; returns the memory.</summary>
    public Memory WithStyle(MemoryStyle style)
    {
        Style = style;
        return this;
    }

    /// <summary>Initial contents (a ROM when there is no write port).</summary>
    public IReadOnlyList<BigInteger>? Initial { get; }
    public IReadOnlyList<MemoryWritePort> Writes => _writes;
    public IReadOnlyList<MemoryReadPort> Reads => _reads;

    public void Write(Expr enable, Expr address, Expr data) => _writes.Add(new MemoryWritePort(enable, address, data));

    /// <summary>A write port with one enable per equal lane of the word (lane 0 in the low bits).</summary>
    public void WriteLanes(IReadOnlyList<Expr> laneEnables, Expr address, Expr data)
    {
        if (laneEnables.Count < 1 || Width % laneEnables.Count != 0)
            throw new HdlConstructionException($"memory '{Name}': {laneEnables.Count} lanes do not divide its {Width}-bit word");
        var any = laneEnables.Skip(1).Aggregate(laneEnables[0], (a, b) => a | b);
        _writes.Add(new MemoryWritePort(any, address, data, laneEnables.ToArray()));
    }

    /// <summary>A registered read port; returns the data register.</summary>
    public Signal ReadRegistered(string dataName, Expr address, Expr? enable = null)
    {
        var data = _owner.NewInternal(dataName, HdlType.UInt(Width));
        _owner.RequireClock();
        _reads.Add(new MemoryReadPort(address, enable, data, Registered: true));
        return data;
    }

    /// <summary>An asynchronous read port; returns the data wire.</summary>
    public Signal ReadCombinational(string dataName, Expr address)
    {
        var data = _owner.NewInternal(dataName, HdlType.UInt(Width));
        _reads.Add(new MemoryReadPort(address, null, data, Registered: false));
        return data;
    }
}
