using Fpga.Gen.Spec;
using Fpga.Host.Golden;

namespace Fpga.Host.Tests.Golden;

/// <summary>
/// Tiny specs and images whose every value the tests compute by hand. Formats: A, G, gate and
/// cell Q4.4 (8 bits, fraction 4), hidden Q2.6; tables of 16 bins over [-4, 4) (bin width 0.5,
/// index shift 3 at fraction 4).
/// </summary>
internal static class HandModels
{
    public static AcceleratorSpec Spec(int inputs = 2, int hidden = 1, int layers = 1, int kw = 1, int ka = 1, int dense = 0) => new AcceleratorSpec
    {
        InputSize = inputs,
        HiddenSize = hidden,
        Layers = layers,
        DenseOutputs = dense,
        WeightCodes = kw,
        ActivationCodes = ka,
        Pe = 1,
        WeightCoefficient = new FixedFormat(8, 4),
        ActivationCoefficient = new FixedFormat(8, 4),
        Gate = new FixedFormat(8, 4),
        Cell = new FixedFormat(8, 4),
        Hidden = new FixedFormat(8, 6),
        NonlinearityTableBits = 4,
        NonlinearityInputRangeLog2 = 2,
        Output = dense > 0 ? OutputMode.LogitsAtEnd : OutputMode.HiddenEveryStep,
    }.Validate();

    /// <summary>
    /// One unit, two inputs, kw = ka = 1. W_ih rows (i, f, g, o): bits [+,+] A 8, [+,-] A 8,
    /// [-,+] A 12, [+,-] A 4; W_hh rows: + A 8, - A 8, - A 0, + A 4; biases 16, 0, 8, -8.
    /// </summary>
    public static ModelImage OneUnit(AcceleratorSpec? spec = null) => new(spec ?? Spec(),
        [new LayerImage(
            new ImageMatrix(4, 2, 1, [0b11, 0b01, 0b10, 0b01], [8, 8, 12, 4]),
            new ImageMatrix(4, 1, 1, [1, 0, 0, 1], [8, 8, 0, 4]),
            [16, 0, 8, -8],
            null)],
        null);

    /// <summary>The input [+1, -1] * 1.0: bit 0 set, bit 1 clear, G = 16.</summary>
    public static CodedVector OneUnitInput() => new(2, [0b01], [16]);
}
