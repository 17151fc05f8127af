using Fpga.Gen.Cores.Mvu;
using Fpga.Gen.Hdl;
using Fpga.Gen.Spec;

namespace Fpga.Gen.Cores.Accelerator;

/// <summary>
/// How a spec's products are folded onto matrix-vector units, and what a step costs.
///
/// Each layer runs its input product (4H x n_l) and its recurrent product (4H x H) on two
/// units side by side with PE rows each. The recurrent unit takes SIMD = spec.Simd columns a
/// cycle (its code words come from the re-quantizer in that width). Layer 0's input unit
/// takes <see cref="BalancedInputSimd"/> columns a cycle, chosen so that both products need
/// the same number of column folds: with 28 inputs and 128 units at SIMD 32 that is SIMD 7,
/// four folds each, instead of an input unit idle three quarters of the time. Upper layers
/// read the re-quantized h of the layer below, whose words are spec.Simd wide, so their input
/// units use spec.Simd (n_l = H, already balanced). The dense layer, when the output is the
/// logits, is extra rows of the last layer's recurrent unit (padded to a multiple of PE).
/// </summary>
public sealed class AcceleratorFolding
{
    private AcceleratorFolding(AcceleratorSpec spec)
    {
        Spec = spec;
        var widths = DerivedWidths.For(spec);
        int denseRows = HasDense(spec) ? PaddedDenseRows(spec) : 0;
        var layers = Enumerable.Range(0, spec.Layers).Select(l => new LayerFolding(
            l,
            new XnorMvuOptions(spec.GateRows, spec.LayerInputSize(l), spec.Pe, l == 0 ? BalancedInputSimd(spec) : spec.Simd,
                spec.WeightCodes, spec.ActivationCodes, spec.WeightCoefficient.Width, spec.ActivationCoefficient.Width,
                ActivationBanks: l == 0 ? 1 : 2),
            new XnorMvuOptions(spec.GateRows, spec.HiddenSize, spec.Pe, spec.Simd, spec.WeightCodes, spec.ActivationCodes,
                spec.WeightCoefficient.Width, spec.ActivationCoefficient.Width, ExtraRows: l == spec.Layers - 1 ? denseRows : 0),
            widths.Layers[l].Accumulator)).ToArray();
        Layers = spec.Memory == MemoryTechnology.Ice40 ? PlaceIce40(spec, layers) : layers;
    }

    /// <summary>
    /// iCE40 UltraPlus: weight planes into SPRAM, largest first, while the four blocks last (a
    /// unit's PE memories all or none, so its lanes read alike); every other memory by size
    /// (<see cref="MemoryPlacement.For"/>), the PE lanes' memories packed into one; one
    /// multiplier pair per unit where a term spans at least PE column folds, so the scaling fits
    /// the eight SB_MAC16.
    /// </summary>
    private static LayerFolding[] PlaceIce40(AcceleratorSpec spec, LayerFolding[] layers)
    {
        var units = layers.SelectMany(l => new[] { (l.Layer, Recurrent: false, Options: l.Input), (l.Layer, Recurrent: true, Options: l.Recurrent) }).ToArray();
        var huge = new HashSet<(int, bool)>();
        int free = MemoryPlacement.SpramBlocks;
        var map = units.Select(u => (u.Layer, u.Recurrent, u.Options, Map: new XnorMvuMemoryMap(u.Options))).ToArray();
        foreach (var u in map.OrderByDescending(u => (long)u.Options.Simd * u.Map.WeightDepth))
        {
            int blocks = u.Options.Pe * MemoryPlacement.SpramBlocksFor(u.Options.Simd, u.Map.WeightDepth);
            if (blocks > free || (long)u.Options.Simd * u.Map.WeightDepth <= 4096) continue;
            huge.Add((u.Layer, u.Recurrent));
            free -= blocks;
        }
        XnorMvuOptions Place(int layer, bool recurrent, XnorMvuOptions o)
        {
            var m = new XnorMvuMemoryMap(o);
            // The PE lanes' block-RAM memories are packed side by side (written lane by lane).
            return o with
            {
                SharedMultipliers = o.ColFolds >= o.Pe,
                PackedLanes = true,
                WeightStyle = huge.Contains((layer, recurrent)) ? MemoryStyle.Huge : MemoryPlacement.For(spec, o.Pe * o.Simd, m.WeightDepth),
                CoefficientStyle = MemoryPlacement.For(spec, o.Pe * o.WeightCoefficientWidth, m.CoefficientDepth),
                ActivationStyle = MemoryPlacement.For(spec, o.Simd, m.ActivationDepth),
            };
        }
        return layers.Select(l => l with { Input = Place(l.Layer, false, l.Input), Recurrent = Place(l.Layer, true, l.Recurrent) }).ToArray();
    }

    public AcceleratorSpec Spec { get; }
    public IReadOnlyList<LayerFolding> Layers { get; }

    public static AcceleratorFolding For(AcceleratorSpec spec) => new(spec.Validate());

    /// <summary>Whether the dense layer is built: only when the output is its logits.</summary>
    public static bool HasDense(AcceleratorSpec spec) => spec.DenseOutputs > 0 && spec.Output == OutputMode.LogitsAtEnd;

    /// <summary>The dense outputs rounded up to a multiple of PE; the padding rows are computed and dropped.</summary>
    public static int PaddedDenseRows(AcceleratorSpec spec) => (spec.DenseOutputs + spec.Pe - 1) / spec.Pe * spec.Pe;

    /// <summary>
    /// ceil(n_0 / ceil(H / SIMD)): the narrowest input SIMD whose column folds do not exceed
    /// the recurrent product's, so both products take the same (rows/PE) * folds * kw * ka cycles.
    /// </summary>
    public static int BalancedInputSimd(AcceleratorSpec spec)
    {
        int recurrentFolds = (spec.HiddenSize + spec.Simd - 1) / spec.Simd;
        return Math.Min(1024, (spec.InputSize + recurrentFolds - 1) / recurrentFolds);
    }

    /// <summary>
    /// Units a cycle of the hidden-state re-quantizer's passes: SIMD, or with iCE40 memories
    /// the largest divisor of SIMD up to <see cref="Ice40RequantizerWidth"/>.
    /// </summary>
    public static int RequantizerSimd(AcceleratorSpec spec)
    {
        if (spec.Memory != MemoryTechnology.Ice40) return spec.Simd;
        for (int width = Math.Min(Ice40RequantizerWidth, spec.Simd); ; width--)
            if (spec.Simd % width == 0) return width;
    }

    /// <summary>
    /// The re-quantizer's lanes are most of its logic and an UP5K is short of logic cells, not
    /// of cycles: one unit a cycle. On the main job (H 128, SIMD 16, ka 2) synthesized alone it
    /// is 298 SB_LUT4, 129 SB_CARRY, 84 flip-flops and 1 EBR, against 432 / 200 / 96 / 2 at 2
    /// and 712 / 305 / 121 / 4 at 4 (2479 SB_LUT4 and 13 EBR at SIMD); its passes take
    /// ka (H + 1) + 1 = 259 cycles instead of 67 of a step of about 4400 (91 % of the ideal).
    /// </summary>
    public const int Ice40RequantizerWidth = 1;

    /// <summary>Bits multiplied per cycle by all matrix-vector units together: PE * sum of their SIMD.</summary>
    public long Lanes => Layers.Sum(l => (long)Spec.Pe * (l.Input.Simd + l.Recurrent.Simd));

    /// <summary>
    /// The ideal cycles of one step: the layers run side by side on their own engines (a
    /// wavefront: layer l on step t while layer l+1 is on step t-1), so a step costs what the
    /// slowest layer costs, and a layer ideally keeps every lane of its two units busy:
    /// max over layers of 4H (n_l + H) kw ka / (PE (SIMD_in,l + SIMD_h)).
    /// </summary>
    public double IdealCyclesPerStep => Layers.Max(l => l.IdealCycles);

    /// <summary>The top's cycle between the last layer's busy falling and the next tick's start.</summary>
    public const int HandoverCycles = 1;
}

/// <summary>One layer's two matrix-vector units and the accumulator width its cell unit takes.</summary>
public sealed record LayerFolding(int Layer, XnorMvuOptions Input, XnorMvuOptions Recurrent, int AccumulatorWidth)
{
    /// <summary>The longer of the two products' issue cycles: both start together and the join waits for both.</summary>
    public long ProductIssueCycles => Math.Max(Input.IssueCycles, Recurrent.IssueCycles);

    /// <summary>
    /// The layer's ideal cycles of a step: every weight bit of its two products meets every
    /// activation code once on every lane of its two units, 4H (n + H) kw ka / (PE (SIMD_in + SIMD_h)).
    /// </summary>
    public double IdealCycles =>
        ((double)Input.Rows * Input.Cols + (double)Recurrent.Rows * Recurrent.Cols) * Input.WeightCodes * Input.ActivationCodes
        / (Input.Pe * (double)(Input.Simd + Recurrent.Simd));
}
