using Fpga.Host.Quantization;

namespace Fpga.Host.Training;

/// <summary>
/// Lee and Kim 2018, retraining-based iterative weight quantization: quantize the weight matrices
/// in place, retrain in full precision from there, and repeat; each round starts closer to the
/// quantization grid, so the final quantization loses less. The last step quantizes once more,
/// so the network ends holding exactly representable weights.
/// </summary>
public static class IterativeQuantization
{
    public static void Run(LstmNetwork network, QuantizerOptions weights, int rounds, Action<int> retrain)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        weights.Validate();
        for (int round = 1; round <= rounds; round++)
        {
            Snap(network, weights);
            retrain(round);
        }
        Snap(network, weights);
    }

    /// <summary>Replaces every weight matrix by its quantized values.</summary>
    public static void Snap(LstmNetwork network, QuantizerOptions weights)
    {
        foreach (var p in network.Parameters.Where(p => p.IsQuantizedMatrix)) FakeQuantization.Apply(p.Value, p.Rows, p.Cols, weights, p.Value);
    }
}
