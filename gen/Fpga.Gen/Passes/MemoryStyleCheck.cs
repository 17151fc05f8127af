using Fpga.Gen.Hdl;
using Fpga.Gen.Ir;

namespace Fpga.Gen.Passes;

/// <summary>
/// A memory asked to map to large single-port RAM (<see cref="MemoryStyle.Huge"/>, iCE40
/// SB_SPRAM256KA) must have the shape that RAM has, or synthesis silently falls back to
/// something else: at most one write port, registered reads only, and one address expression
/// shared by every port. The read must also hold its data while a write happens (its enable
/// excludes the write enable), which is what the SPRAM does.
/// </summary>
public static class MemoryStyleCheck
{
    private const string Name = "memory style check";

    public static void Run(ModuleIr module)
    {
        foreach (var memory in module.Memories.Where(m => m.Style == MemoryStyle.Huge))
        {
            if (memory.Initial is not null)
                throw new HdlCheckException(Name, module.Name, memory.Name, "single-port RAM cannot hold initial contents");
            if (memory.Writes.Count > 1)
                throw new HdlCheckException(Name, module.Name, memory.Name, $"single-port RAM has one write port, not {memory.Writes.Count}");
            if (memory.Reads.Any(r => !r.Registered))
                throw new HdlCheckException(Name, module.Name, memory.Name, "single-port RAM reads are registered");
            var addresses = memory.Writes.Select(w => w.Address).Concat(memory.Reads.Select(r => r.Address)).Distinct().ToArray();
            if (addresses.Length > 1)
                throw new HdlCheckException(Name, module.Name, memory.Name, "single-port RAM needs one address expression for all its ports");
        }
    }
}
