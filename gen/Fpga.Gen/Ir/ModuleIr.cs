using Fpga.Gen.Hdl;
using Fpga.Gen.Passes;

namespace Fpga.Gen.Ir;

/// <summary>
/// One elaborated module: every signal with its type and every driver, in declaration order.
/// Immutable once built; the passes read it and the emitter turns it into text.
/// </summary>
public sealed class ModuleIr : IModuleInterface
{
    private IReadOnlyDictionary<string, IReadOnlySet<string>>? _combinationalPaths;

    internal ModuleIr(string name, DesignConventions conventions, IReadOnlyList<string> comments, IReadOnlyList<Signal> ports,
        IReadOnlyList<Signal> internals, IReadOnlyList<ContinuousAssign> assigns, IReadOnlyList<CombBlock> combBlocks,
        IReadOnlyList<Register> registers, IReadOnlyList<Memory> memories, IReadOnlyList<Instance> instances, Signal? clock, Signal? reset,
        IReadOnlyDictionary<Signal, string> signalComments, IReadOnlySet<Signal> unread, ModuleKind kind, IReadOnlyList<InitialProcess> processes,
        IReadOnlyList<RegArray> arrays, IReadOnlyList<Signal> integers, IReadOnlySet<Signal> kept)
    {
        Kept = kept;
        Unread = unread;
        Kind = kind;
        Processes = processes;
        Arrays = arrays;
        Integers = integers.ToHashSet();
        Name = name;
        Conventions = conventions;
        Comments = comments;
        PortSignals = ports;
        Internals = internals;
        Assigns = assigns;
        CombBlocks = combBlocks;
        Registers = registers;
        Memories = memories;
        Instances = instances;
        Clock = clock;
        Reset = reset;
        SignalComments = signalComments;
        Ports = ports.Select(p => new PortSpec(p.Name, p.Kind == SignalKind.Input ? PortDirection.Input : PortDirection.Output, p.Type)).ToArray();
    }

    public string Name { get; }
    public DesignConventions Conventions { get; }
    public IReadOnlyList<string> Comments { get; }
    public IReadOnlyList<Signal> PortSignals { get; }
    public IReadOnlyList<PortSpec> Ports { get; }
    public IReadOnlyList<Signal> Internals { get; }
    public IReadOnlyList<ContinuousAssign> Assigns { get; }
    public IReadOnlyList<CombBlock> CombBlocks { get; }
    public IReadOnlyList<Register> Registers { get; }
    public IReadOnlyList<Memory> Memories { get; }
    public IReadOnlyList<Instance> Instances { get; }
    public Signal? Clock { get; }
    public Signal? Reset { get; }
    public IReadOnlyDictionary<Signal, string> SignalComments { get; }
    /// <summary>Signals left unread on purpose (a vendor primitive's unused outputs), each with its reason in <see cref="SignalComments"/>.</summary>
    public IReadOnlySet<Signal> Unread { get; }
    /// <summary>Signals synthesis must keep as nets of their own (<c>(* keep *)</c>), each with its reason in <see cref="SignalComments"/>.</summary>
    public IReadOnlySet<Signal> Kept { get; }

    public ModuleKind Kind { get; }

    /// <summary>Initial blocks: a testbench's only.</summary>
    public IReadOnlyList<InitialProcess> Processes { get; }

    /// <summary>Reg arrays read by index: a testbench's only.</summary>
    public IReadOnlyList<RegArray> Arrays { get; }

    /// <summary>Internal signals declared <c>integer</c>: a testbench's only.</summary>
    public IReadOnlySet<Signal> Integers { get; }

    public IEnumerable<Signal> AllSignals => PortSignals.Concat(Internals);

    public Signal Port(string name) => PortSignals.FirstOrDefault(p => p.Name == name)
        ?? throw new ArgumentException($"module '{Name}' has no port '{name}'");

    public IReadOnlyDictionary<string, IReadOnlySet<string>> CombinationalPaths =>
        _combinationalPaths ??= CombinationalGraph.PortPaths(this);

    /// <summary>Every module this one instantiates, directly or below, that the generator made.</summary>
    public IEnumerable<ModuleIr> Submodules()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var order = new List<ModuleIr>();
        Visit(this);
        return order;

        void Visit(ModuleIr module)
        {
            foreach (var child in module.Instances.Select(i => i.Target).OfType<ModuleIr>())
            {
                if (!seen.Add(child.Name)) continue;
                Visit(child);
                order.Add(child);
            }
        }
    }
}
