using Fpga.Gen.Ir;

namespace Fpga.Gen.Hdl;

/// <summary>
/// The construction API for a testbench: a module without ports holding variables (reg,
/// integer), reg arrays, wires driven by the device under test, instances, and initial
/// blocks. It builds on <see cref="ModuleBuilder"/> with the testbench kind, so names, instances
/// and the shared check passes are the same; the simulation-only constructs exist only here.
/// </summary>
public sealed class TestbenchBuilder
{
    private readonly ModuleBuilder _module;

    public TestbenchBuilder(string name, DesignConventions? conventions = null) =>
        _module = new ModuleBuilder(name, conventions, ModuleKind.Testbench);

    public string Name => _module.Name;
    public DesignConventions Conventions => _module.Conventions;

    public void Comment(string line) => _module.Comment(line);

    /// <summary>A variable the testbench's initial blocks assign (a DUT input, a flag).</summary>
    public Signal Reg(string name, HdlType type) => _module.NewInternal(name, type);

    public Signal Reg(string name, int width) => Reg(name, HdlType.UInt(width));

    /// <summary>An <c>integer</c>: a 32-bit signed loop counter or tally.</summary>
    public Signal Integer(string name) => _module.NewInteger(name);

    /// <summary>A net driven by an instance output.</summary>
    public Signal Wire(string name, HdlType type) => _module.Wire(name, type);

    public RegArray Array(string name, int width, int depth) => _module.NewArray(name, width, depth);

    public Instance Instantiate(string name, IModuleInterface target) => _module.Instantiate(name, target);

    public void Initial(Action<ProcessBuilder> body)
    {
        var process = new ProcessBuilder();
        body(process);
        _module.AddProcess(new InitialProcess(process.Statements));
    }

    /// <summary>Builds and runs the testbench checks; throws <see cref="Passes.HdlCheckException"/> naming the first offence.</summary>
    public ModuleIr Build() => _module.Build();
}
