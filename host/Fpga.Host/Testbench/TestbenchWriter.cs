using Fpga.Gen.Emit;
using Fpga.Gen.Ir;
using Fpga.Host.Generation;

namespace Fpga.Host.Testbench;

/// <summary>Writes a bench into the tb/ directory beside its device's RTL (each set all or nothing, as <see cref="RtlWriter"/> does).</summary>
public static class TestbenchWriter
{
    /// <returns>The bench directory.</returns>
    public static string Write(string directory, ModuleIr dut, GeneratedTestbench bench)
    {
        RtlWriter.Write(directory, VerilogEmitter.EmitHierarchy(dut));
        return WriteBench(directory, bench);
    }

    /// <summary>Only the bench, when its device's RTL is already in <paramref name="directory"/>.</summary>
    /// <returns>The bench directory.</returns>
    public static string WriteBench(string directory, GeneratedTestbench bench)
    {
        var benchDirectory = Path.Combine(directory, GeneratedTestbench.Directory);
        RtlWriter.Write(benchDirectory, bench.Files);
        return benchDirectory;
    }
}
