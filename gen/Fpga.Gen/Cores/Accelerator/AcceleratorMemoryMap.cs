using Fpga.Gen.Cores.Mvu;
using Fpga.Gen.Hdl;
using Fpga.Gen.Spec;

namespace Fpga.Gen.Cores.Accelerator;

/// <summary>
/// The one address map of the accelerator's write bus (cfg_wr_en, cfg_wr_addr, cfg_wr_data):
/// read by the generator to decode the bus into every unit's write ports, by the host's image
/// packer, by the testbench writer and by the link protocol. cfg_wr_addr = {region, local},
/// the local address in the low <see cref="LocalBits"/> bits; data is right-aligned.
///
/// Regions, in index order: per layer l, its input unit's weight planes and coefficients, its
/// recurrent unit's weight planes and coefficients (the last layer's also hold the dense rows
/// when the logits are the output), its biases, and with static re-quantization its ka
/// coefficients; then the dense biases. Inside a matrix-vector unit's region the local address
/// is that unit's <see cref="XnorMvuMemoryMap"/> address ({pe, word}).
///
/// Rows are given in the model's canonical order (gate q of unit k is row q * H + k, gates i,
/// f, g, o); the map stores them unit-major (physical row 4k + q) so that one PE-4 beat is one
/// unit's four gates. Dense row d is physical row 4H + d.
/// </summary>
public sealed class AcceleratorMemoryMap
{
    private readonly List<MemoryRegion> _regions = [];

    public AcceleratorMemoryMap(AcceleratorSpec spec)
    {
        Spec = spec.Validate();
        Folding = AcceleratorFolding.For(spec);
        int h = spec.HiddenSize, kw = spec.WeightCodes;
        foreach (var layer in Folding.Layers)
        {
            var x = new XnorMvuMemoryMap(layer.Input);
            var r = new XnorMvuMemoryMap(layer.Recurrent);
            int l = layer.Layer;
            int storedRows = layer.Recurrent.Rows + layer.Recurrent.ExtraRows;
            Add(MemoryRegionKind.InputWeights, l, x.PeBits + x.WeightAddressBits, layer.Input.Simd, (long)spec.GateRows * kw * layer.Input.ColFolds);
            Add(MemoryRegionKind.InputCoefficients, l, x.PeBits + x.CoefficientAddressBits, spec.WeightCoefficient.Width, (long)spec.GateRows * kw);
            Add(MemoryRegionKind.RecurrentWeights, l, r.PeBits + r.WeightAddressBits, layer.Recurrent.Simd, (long)storedRows * kw * layer.Recurrent.ColFolds);
            Add(MemoryRegionKind.RecurrentCoefficients, l, r.PeBits + r.CoefficientAddressBits, spec.WeightCoefficient.Width, (long)storedRows * kw);
            Add(MemoryRegionKind.Biases, l, BitWidth.Log2Ceiling(Math.Max(2, h)), 4 * spec.Gate.Width, h);
            if (spec.Requantization == HiddenRequantization.Static)
                Add(MemoryRegionKind.StaticCoefficients, l, BitWidth.ForUnsigned(Math.Max(1, spec.ActivationCodes - 1)), spec.ActivationCoefficient.Width, spec.ActivationCodes);
        }
        if (AcceleratorFolding.HasDense(spec))
        {
            int rows = AcceleratorFolding.PaddedDenseRows(spec);
            Add(MemoryRegionKind.DenseBiases, spec.Layers - 1, BitWidth.Log2Ceiling(Math.Max(2, rows)), spec.Gate.Width, rows);
        }
        LocalBits = _regions.Max(r => r.AddressBits);
        RegionBits = BitWidth.ForUnsigned(Math.Max(1, _regions.Count - 1));
        DataWidth = _regions.Max(r => r.DataWidth);
    }

    public AcceleratorSpec Spec { get; }
    public AcceleratorFolding Folding { get; }
    public IReadOnlyList<MemoryRegion> Regions => _regions;

    /// <summary>Bits of the local address: the widest region's.</summary>
    public int LocalBits { get; }
    /// <summary>Bits of the region number.</summary>
    public int RegionBits { get; }
    /// <summary>Width of cfg_wr_addr.</summary>
    public int AddressWidth => RegionBits + LocalBits;
    /// <summary>Width of cfg_wr_data: the widest region's data (a bias word, or a weight word when SIMD is wider).</summary>
    public int DataWidth { get; }

    public MemoryRegion Region(MemoryRegionKind kind, int layer) =>
        _regions.SingleOrDefault(r => r.Kind == kind && (kind == MemoryRegionKind.DenseBiases || r.Layer == layer))
        ?? throw new ArgumentException($"this accelerator has no {kind} region for layer {layer}", nameof(kind));

    /// <summary>Physical (unit-major) row of canonical gate row <paramref name="row"/>: 4 (r mod H) + r / H.</summary>
    public int PhysicalGateRow(int row)
    {
        if (row < 0 || row >= Spec.GateRows) throw new ArgumentOutOfRangeException(nameof(row), $"{row} is not one of the {Spec.GateRows} gate rows");
        return 4 * (row % Spec.HiddenSize) + row / Spec.HiddenSize;
    }

    /// <summary>The code-plane word of W_ih row <paramref name="row"/>, code i, columns colFold * SIMD onwards.</summary>
    public ulong InputWeightAddress(int layer, int row, int code, int colFold) =>
        Address(MemoryRegionKind.InputWeights, layer, new XnorMvuMemoryMap(Folding.Layers[layer].Input).WeightWriteAddress(PhysicalGateRow(row), code, colFold));

    public ulong InputCoefficientAddress(int layer, int row, int code) =>
        Address(MemoryRegionKind.InputCoefficients, layer, new XnorMvuMemoryMap(Folding.Layers[layer].Input).CoefficientWriteAddress(PhysicalGateRow(row), code));

    public ulong RecurrentWeightAddress(int layer, int row, int code, int colFold) =>
        Address(MemoryRegionKind.RecurrentWeights, layer, new XnorMvuMemoryMap(Folding.Layers[layer].Recurrent).WeightWriteAddress(PhysicalGateRow(row), code, colFold));

    public ulong RecurrentCoefficientAddress(int layer, int row, int code) =>
        Address(MemoryRegionKind.RecurrentCoefficients, layer, new XnorMvuMemoryMap(Folding.Layers[layer].Recurrent).CoefficientWriteAddress(PhysicalGateRow(row), code));

    /// <summary>The biases {b_o, b_g, b_f, b_i} of hidden unit <paramref name="unit"/>.</summary>
    public ulong BiasAddress(int layer, int unit) => Address(MemoryRegionKind.Biases, layer, (ulong)CheckIndex(unit, Spec.HiddenSize, nameof(unit)));

    public ulong StaticCoefficientAddress(int layer, int code) =>
        Address(MemoryRegionKind.StaticCoefficients, layer, (ulong)CheckIndex(code, Spec.ActivationCodes, nameof(code)));

    /// <summary>Dense row <paramref name="row"/> (padding rows up to a multiple of PE included): physical row 4H + row of the last recurrent unit.</summary>
    public ulong DenseWeightAddress(int row, int code, int colFold) =>
        Address(MemoryRegionKind.RecurrentWeights, Spec.Layers - 1, new XnorMvuMemoryMap(Folding.Layers[^1].Recurrent).WeightWriteAddress(DenseRow(row), code, colFold));

    public ulong DenseCoefficientAddress(int row, int code) =>
        Address(MemoryRegionKind.RecurrentCoefficients, Spec.Layers - 1, new XnorMvuMemoryMap(Folding.Layers[^1].Recurrent).CoefficientWriteAddress(DenseRow(row), code));

    public ulong DenseBiasAddress(int row) => Address(MemoryRegionKind.DenseBiases, Spec.Layers - 1, (ulong)CheckIndex(row, AcceleratorFolding.PaddedDenseRows(Spec), nameof(row)));

    private int DenseRow(int row)
    {
        if (!AcceleratorFolding.HasDense(Spec)) throw new InvalidOperationException("this accelerator has no dense layer (it needs DenseOutputs > 0 and LogitsAtEnd)");
        return Spec.GateRows + CheckIndex(row, AcceleratorFolding.PaddedDenseRows(Spec), nameof(row));
    }

    private ulong Address(MemoryRegionKind kind, int layer, ulong local) => ((ulong)Region(kind, layer).Index << LocalBits) | local;

    private static int CheckIndex(int value, int count, string name) =>
        value >= 0 && value < count ? value : throw new ArgumentOutOfRangeException(name, $"{value} is outside 0..{count - 1}");

    private void Add(MemoryRegionKind kind, int layer, int addressBits, int dataWidth, long writes) =>
        _regions.Add(new MemoryRegion(_regions.Count, kind, layer, addressBits, dataWidth, writes));
}
