using System.Numerics;
using Fpga.Gen.Ir;
using Fpga.Gen.Passes;

namespace Fpga.Gen.Hdl;

/// <summary>
/// The construction API for one module: declare ports, wires and registers, describe what
/// drives them, then <see cref="Build"/> an immutable, checked <see cref="ModuleIr"/>.
/// Mistakes that can only be seen whole (a net driven twice, a latch, a loop, a width
/// mismatch on an assignment) are found by the passes at build time, naming the signal.
/// </summary>
public sealed class ModuleBuilder
{
    private readonly List<Signal> _ports = [];
    private readonly List<Signal> _internals = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly List<ContinuousAssign> _assigns = [];
    private readonly List<CombBlock> _combBlocks = [];
    private readonly List<Register> _registers = [];
    private readonly List<Memory> _memories = [];
    private readonly List<Instance> _instances = [];
    private readonly List<string> _comments = [];
    private readonly Dictionary<Signal, string> _signalComments = [];
    private readonly HashSet<Signal> _kept = [];
    private readonly HashSet<Signal> _unread = [];
    private readonly List<InitialProcess> _processes = [];
    private readonly List<RegArray> _arrays = [];
    private readonly List<Signal> _integers = [];
    private Signal? _clock;
    private Signal? _reset;

    public ModuleBuilder(string name, DesignConventions? conventions = null) : this(name, conventions, ModuleKind.Synthesizable)
    {
    }

    internal ModuleBuilder(string name, DesignConventions? conventions, ModuleKind kind)
    {
        Kind = kind;
        if (!VerilogIdentifier.IsPlain(name))
            throw new HdlConstructionException($"module name '{name}' is not a plain identifier (letters, digits, single underscores)");
        Name = name;
        Conventions = conventions ?? DesignConventions.Default;
    }

    public string Name { get; }
    public DesignConventions Conventions { get; }
    public ModuleKind Kind { get; }

    /// <summary>The clock input, created on first use.</summary>
    public Signal Clock => RequireClock();

    /// <summary>The reset input of the design's convention, created on first use.</summary>
    public Signal Reset => _reset ??= AddPort(Conventions.ResetName, HdlType.Bit, SignalKind.Input);

    /// <summary>A line of the module's header comment: what it is and why it is built this way.</summary>
    public void Comment(string line) => _comments.Add(line);

    /// <summary>A comment emitted beside a signal's declaration (why it is this wide, what it holds).</summary>
    public void Describe(Signal signal, string comment) => _signalComments[signal] = comment;

    /// <summary>
    /// Marks a signal for synthesis to keep as a net of its own (a <c>keep</c> attribute), with
    /// the reason emitted beside it: for a register that a tool would otherwise fold in a way that
    /// breaks the netlist.
    /// </summary>
    public void Keep(Signal signal, string reason)
    {
        _kept.Add(signal);
        _signalComments[signal] = reason;
    }

    /// <summary>
    /// A wire that takes an output nobody reads (an instance's port that must be connected for
    /// lint but has no use here); the reason is emitted beside its lint waiver.
    /// </summary>
    public Signal Unread(string name, HdlType type, string reason)
    {
        var signal = NewInternal(name, type);
        _unread.Add(signal);
        _signalComments[signal] = reason;
        return signal;
    }

    public Signal Input(string name, int width) => Input(name, HdlType.UInt(width));
    public Signal Input(string name, HdlType type) => AddPort(name, type, SignalKind.Input);
    public Signal Output(string name, int width) => Output(name, HdlType.UInt(width));
    public Signal Output(string name, HdlType type) => AddPort(name, type, SignalKind.Output);

    public Signal Wire(string name, int width) => NewInternal(name, HdlType.UInt(width));
    public Signal Wire(string name, HdlType type) => NewInternal(name, type);

    /// <summary>Declares a wire and drives it with an expression in one step.</summary>
    public Signal Define(string name, Expr value)
    {
        var wire = NewInternal(name, value.Type);
        Assign(wire, value);
        return wire;
    }

    public void Assign(Signal target, Expr value) => _assigns.Add(new ContinuousAssign(target, value));

    public void Comb(Action<BlockBuilder> body)
    {
        var block = new BlockBuilder();
        body(block);
        _combBlocks.Add(new CombBlock(block.Statements));
    }

    /// <summary>A register; give a reset value only where a known state after reset matters.</summary>
    public Signal Register(string name, HdlType type, BigInteger? resetValue = null)
    {
        if (resetValue is { } value) _ = new ConstExpr(value, type);
        RequireClock();
        if (resetValue is not null) _ = Reset;
        var q = NewInternal(name, type);
        _registers.Add(new Register(q, resetValue));
        return q;
    }

    public Signal Register(string name, int width, BigInteger? resetValue = null) => Register(name, HdlType.UInt(width), resetValue);

    /// <summary>Sets what a register loads on each clock edge (when enable is high, if given).</summary>
    public void Next(Signal register, Expr next, Expr? enable = null)
    {
        var reg = _registers.FirstOrDefault(r => ReferenceEquals(r.Q, register))
            ?? throw new HdlConstructionException($"'{register.Name}' is not a register of module '{Name}'");
        if (reg.Next is not null)
            throw new HdlConstructionException($"register '{register.Name}' of module '{Name}' already has a next value");
        reg.Next = next;
        reg.Enable = enable;
    }

    /// <summary>A register with its next value in one step.</summary>
    public Signal Registered(string name, Expr next, Expr? enable = null, BigInteger? resetValue = null)
    {
        var q = Register(name, next.Type, resetValue);
        Next(q, next, enable);
        return q;
    }

    public Memory Memory(string name, int width, int depth, IReadOnlyList<BigInteger>? initial = null)
    {
        Claim(name);
        RequireClock();
        var memory = new Memory(this, name, width, depth, initial);
        _memories.Add(memory);
        return memory;
    }

    public Instance Instantiate(string name, IModuleInterface target)
    {
        Claim(name);
        var instance = new Instance(name, target);
        _instances.Add(instance);
        return instance;
    }

    /// <summary>Builds and runs every check; throws <see cref="HdlCheckException"/> naming the first offence.</summary>
    public ModuleIr Build() => ModuleChecks.Verify(BuildUnchecked());

    /// <summary>The IR without checks: for tests that plant a bad design and run one pass on it.</summary>
    public ModuleIr BuildUnchecked()
    {
        foreach (var reg in _registers)
        {
            if (reg.Next is null) reg.Next = reg.Q;
        }
        // Clock and reset lead the port list whenever they were created.
        var ports = new[] { _clock, _reset }.OfType<Signal>().Concat(_ports.Where(p => p != _clock && p != _reset)).ToArray();
        return new ModuleIr(Name, Conventions, _comments.ToArray(), ports, _internals.ToArray(), _assigns.ToArray(),
            _combBlocks.ToArray(), _registers.ToArray(), _memories.ToArray(), _instances.ToArray(), _clock, _reset,
            new Dictionary<Signal, string>(_signalComments), new HashSet<Signal>(_unread), Kind, _processes.ToArray(), _arrays.ToArray(), _integers.ToArray(), new HashSet<Signal>(_kept));
    }

    // Simulation constructs: reached only through TestbenchBuilder, and rejected by the
    // synthesizable-subset check should one ever reach a synthesizable module.
    internal void AddProcess(InitialProcess process) => _processes.Add(process);

    internal RegArray NewArray(string name, int width, int depth)
    {
        Claim(name);
        var array = new RegArray(name, width, depth, Name);
        _arrays.Add(array);
        return array;
    }

    internal Signal NewInteger(string name)
    {
        var signal = NewInternal(name, HdlType.SInt(32));
        _integers.Add(signal);
        return signal;
    }

    internal Signal RequireClock() => _clock ??= AddPort(Conventions.ClockName, HdlType.Bit, SignalKind.Input);

    internal Signal NewInternal(string name, HdlType type)
    {
        Claim(name);
        var signal = new Signal(name, type, SignalKind.Internal, Name);
        _internals.Add(signal);
        return signal;
    }

    private Signal AddPort(string name, HdlType type, SignalKind kind)
    {
        if (!VerilogIdentifier.IsPlain(name) || VerilogKeywords.Contains(name))
            throw new HdlConstructionException($"port name '{name}' of module '{Name}' is not a plain identifier or is a keyword");
        Claim(name);
        var signal = new Signal(name, type, kind, Name);
        _ports.Add(signal);
        return signal;
    }

    private void Claim(string name)
    {
        if (!_names.Add(name))
            throw new HdlConstructionException($"module '{Name}' already has something named '{name}'");
    }
}
