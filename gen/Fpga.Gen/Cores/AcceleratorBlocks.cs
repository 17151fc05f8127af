using Fpga.Gen.Cores.Lstm;
using Fpga.Gen.Cores.Mvu;
using Fpga.Gen.Ir;
using Fpga.Gen.Spec;

namespace Fpga.Gen.Cores;

/// <summary>One generated block of an accelerator's datapath and what it does.</summary>
public sealed record AcceleratorBlock(string Role, ModuleIr Module, string Summary, long CyclesPerUse);

/// <summary>
/// Every block of a spec's datapath, each generated and checked: per layer the input and the
/// recurrent matrix-vector units (contract step 1), the cell unit (steps 2 to 5) and the
/// re-quantizer of the spec's mode (step 6); the dense layer's matrix-vector unit where there is one. Identical
/// blocks (same parameters) appear once.
/// </summary>
public static class AcceleratorBlocks
{
    public static IReadOnlyList<AcceleratorBlock> Generate(AcceleratorSpec spec)
    {
        spec.Validate();
        var widths = DerivedWidths.For(spec);
        var blocks = new List<AcceleratorBlock>();
        void Add(AcceleratorBlock block)
        {
            if (blocks.All(b => b.Module.Name != block.Module.Name)) blocks.Add(block);
        }
        XnorMvu Mvu(int rows, int cols) => XnorMvu.Generate(new XnorMvuOptions(rows, cols, spec.Pe, spec.Simd, spec.WeightCodes, spec.ActivationCodes,
            spec.WeightCoefficient.Width, spec.ActivationCoefficient.Width), new Hdl.DesignConventions(spec.Reset));

        for (int layer = 0; layer < spec.Layers; layer++)
        {
            var input = Mvu(spec.GateRows, spec.LayerInputSize(layer));
            Add(new AcceleratorBlock($"layer {layer} input product", input.Module, $"W_ih {spec.GateRows} x {spec.LayerInputSize(layer)}", input.CyclesPerProduct));
            var hidden = Mvu(spec.GateRows, spec.HiddenSize);
            Add(new AcceleratorBlock($"layer {layer} recurrent product", hidden.Module, $"W_hh {spec.GateRows} x {spec.HiddenSize}", hidden.CyclesPerProduct));
            var cell = LstmCellUnit.Generate(spec, widths.Layers[layer].Accumulator);
            Add(new AcceleratorBlock($"layer {layer} cell", cell.Module, $"{spec.HiddenSize} units, accumulators of {widths.Layers[layer].Accumulator} bits", spec.HiddenSize + cell.Latency));
        }
        var requantizer = HiddenStateRequantizer.Generate(spec, spec.Simd);
        Add(new AcceleratorBlock("hidden re-quantizer", requantizer.Module, $"{spec.Requantization} re-quantization, {spec.ActivationCodes} codes of {spec.HiddenSize} units", requantizer.Cycles));
        if (spec.DenseOutputs > 0)
        {
            var dense = Mvu(spec.DenseOutputs, spec.HiddenSize);
            Add(new AcceleratorBlock("dense product", dense.Module, $"W {spec.DenseOutputs} x {spec.HiddenSize}", dense.CyclesPerProduct));
        }
        return blocks;
    }
}
