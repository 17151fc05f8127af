using System.Numerics;
using Fpga.Gen.Cores.Lstm;
using Fpga.Gen.Spec;
using Fpga.Gen.Testbench;
using Fpga.Host.Golden;

namespace Fpga.Host.Verification;

/// <summary>One write of a model image into the layer engine: a memory, an address, the port's bit pattern.</summary>
public sealed record LayerImageWrite(LayerImageTarget Target, ulong Address, BigInteger Data);

/// <summary>
/// The writes that load a model image into the layer engine and the writes of one step's
/// input: the one definition used by the co-simulation and by the generated testbench's
/// vector files. Gate rows are stored unit-major: physical row 4k + q holds canonical row
/// q * H + k, so one PE-4 beat is one unit's four gates.
/// </summary>
public static class LayerEngineImage
{
    public static IEnumerable<LayerImageWrite> Writes(LstmLayerEngine engine, ModelImage image)
    {
        var spec = engine.Spec;
        int h = spec.HiddenSize;
        var layer = image.Layers[0];
        int Canonical(int row) => (row % 4) * h + row / 4;
        foreach (var w in MvuLoader.WeightWrites(engine.Input,
                     (r, i) => MvuLoader.Columns(layer.InputWeights.Plane(Canonical(r), i)), (r, i) => layer.InputWeights.Coefficient(Canonical(r), i)))
            yield return new LayerImageWrite(w.Coefficient ? LayerImageTarget.InputCoefficients : LayerImageTarget.InputWeights, w.Address, w.Data);
        foreach (var w in MvuLoader.WeightWrites(engine.Recurrent,
                     (r, i) => MvuLoader.Columns(layer.HiddenWeights.Plane(Canonical(r), i)), (r, i) => layer.HiddenWeights.Coefficient(Canonical(r), i)))
            yield return new LayerImageWrite(w.Coefficient ? LayerImageTarget.RecurrentCoefficients : LayerImageTarget.RecurrentWeights, w.Address, w.Data);
        int wz = spec.Gate.Width;
        for (int k = 0; k < h; k++)
        {
            BigInteger word = 0;
            for (int q = 0; q < 4; q++) word |= TwosComplement.Bits(layer.Bias[q * h + k], wz) << (q * wz);
            yield return new LayerImageWrite(LayerImageTarget.Bias, (ulong)k, word);
        }
    }

    /// <summary>The x and g writes of one step's input codes.</summary>
    public static IEnumerable<MvuWrite> StepWrites(LstmLayerEngine engine, CodedVector x) =>
        MvuLoader.ActivationWrites(engine.Input, Enumerable.Range(0, x.Codes).Select(j => MvuLoader.Columns(x.Plane(j))).ToArray(), x.Coefficients);

    /// <summary>Checks that a spec is one the layer engine runs, naming what is not.</summary>
    public static string? Unsupported(AcceleratorSpec spec) =>
        spec.Pe != 4 ? $"the layer engine takes PE 4, not {spec.Pe}"
        : spec.Requantization != HiddenRequantization.Greedy ? $"the layer engine re-quantizes greedily, not {spec.Requantization}"
        : null;
}
