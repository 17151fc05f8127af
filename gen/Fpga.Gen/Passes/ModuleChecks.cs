using Fpga.Gen.Ir;

namespace Fpga.Gen.Passes;

/// <summary>The checks every module passes before it is emitted, in a fixed order.</summary>
public static class ModuleChecks
{
    public static ModuleIr Verify(ModuleIr module)
    {
        // First: the passes after it assume each kind holds only its own constructs.
        SynthesizableSubsetCheck.Run(module);
        ConnectionCheck.Run(module);
        WidthCheck.Run(module);
        DriverCheck.Run(module);
        LatchCheck.Run(module);
        CombinationalGraph.CheckNoLoops(module);
        MemoryStyleCheck.Run(module);
        return module;
    }
}
