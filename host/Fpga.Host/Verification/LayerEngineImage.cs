using System.Numerics;
using Fpga.Gen.Cores.Lstm;
using Fpga.Host.Golden;

namespace Fpga.Host.Verification;

/// <summary>The layer engine's memories the host writes before the first step: the wx, ax, wh, ah and b write ports.</summary>
public enum LayerImageTarget { InputWeights, InputCoefficients, RecurrentWeights, RecurrentCoefficients, Bias }

/// <summary>One write of a model image into the layer engine: a memory, an address, the port's bit pattern.</summary>
public sealed record LayerImageWrite(LayerImageTarget Target, ulong Address, BigInteger Data);

/// <summary>
/// The writes that load a model image into the layer engine, as the layer co-simulation
/// applies them. Gate rows are stored unit-major: physical row 4k + q holds canonical row
/// q * H + k, so one PE-4 beat is one unit's four gates.
/// </summary>
public static class LayerEngineImage
{
    private static readonly string[] TargetPorts = ["wx", "ax", "wh", "ah", "b"];

    /// <summary>The prefix of the write ports of an image target: wx, ax, wh, ah or b.</summary>
    public static string PortPrefix(LayerImageTarget target) => TargetPorts[(int)target];

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
}
