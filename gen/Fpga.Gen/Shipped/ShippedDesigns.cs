using Fpga.Gen.Cores.Accelerator;
using Fpga.Gen.Cores.Lstm;
using Fpga.Gen.Cores.Mvu;
using Fpga.Gen.Spec;
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
        // The input half of the Fashion-MNIST layer: 4 x 128 gate rows over 28 pixels.
        var mvu = XnorMvu.Generate(new XnorMvuOptions(Rows: 512, Cols: 28, Pe: 4, Simd: 28, WeightCodes: 2, ActivationCodes: 2));
        yield return new ShippedDesign(
            Path.Combine("blocks", mvu.Module.Name),
            mvu.Module,
            $"XNOR matrix-vector unit 512 x 28, PE 4, SIMD 28, kw 2, ka 2: {mvu.CyclesPerProduct} cycles per product");
        var cell = LstmCellUnit.Generate(new AcceleratorSpec().Validate(), accumulatorWidth: 32);
        yield return new ShippedDesign(
            Path.Combine("blocks", cell.Module.Name),
            cell.Module,
            $"LSTM cell unit, the default spec (H 128), latency {LstmCellUnit.Latency} cycles");
        var requantizer = GreedyRequantizer.Generate(new AcceleratorSpec().Validate(), simd: 32);
        yield return new ShippedDesign(
            Path.Combine("blocks", requantizer.Module.Name),
            requantizer.Module,
            $"Greedy re-quantizer of h, the default spec (H 128, ka 2), {requantizer.Words} words of 32 codes per plane");
        // The default spec is the Fashion-MNIST layer: 28 pixels a step, 128 units, 2/2 codes, PE 4, SIMD 32.
        var layer = LstmLayerEngine.Generate(new AcceleratorSpec().Validate());
        yield return new ShippedDesign(
            Path.Combine("layers", layer.Module.Name),
            layer.Module,
            "One LSTM layer, the default spec (28 inputs, H 128, kw = ka = 2, PE 4, SIMD 32; input SIMD 7)");
        var top = LstmAccelerator.Generate(new AcceleratorSpec().Validate());
        yield return new ShippedDesign(
            Path.Combine("accelerators", top.Module.Name),
            top.Module,
            $"The accelerator top, the default spec: {top.CyclesPerStep} cycles per step (ideal {top.Folding.IdealCyclesPerStep:0})");
    }
}
