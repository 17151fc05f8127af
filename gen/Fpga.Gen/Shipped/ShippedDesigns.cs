using Fpga.Gen.Cores.XnorPopcount;
using Fpga.Gen.Emit;
using Fpga.Gen.Ir;

namespace Fpga.Gen.Shipped;

/// <summary>A configuration whose generated RTL is committed under hw/, with what to say about it.</summary>
public sealed record ShippedDesign(string Directory, ModuleIr Top, string Summary)
{
    public IReadOnlyList<EmittedFile> Files() => VerilogEmitter.EmitHierarchy(Top);
}

/// <summary>The configurations committed under hw/; `fpga gen --shipped -o hw` regenerates them byte for byte.</summary>
public static class ShippedDesigns
{
    public static readonly int[] DotProductWidths = [64, 256];

    public static IEnumerable<ShippedDesign> All()
    {
        foreach (var simd in DotProductWidths)
        {
            var unit = XnorPopcountDot.Generate(new XnorPopcountDotOptions(simd));
            yield return new ShippedDesign(
                Path.Combine("blocks", unit.Module.Name),
                unit.Module,
                $"XNOR-popcount dot product, SIMD {simd}, latency {unit.Latency} cycles");
        }
    }
}
