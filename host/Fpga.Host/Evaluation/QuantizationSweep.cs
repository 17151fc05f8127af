using Fpga.Host.Training;

namespace Fpga.Host.Evaluation;

/// <summary>
/// Scores a float network under each configuration: weights quantized once up front (the stored
/// model the accelerator would run), activations quantized online as each layer reads them.
/// </summary>
public static class QuantizationSweep
{
    public static IEnumerable<SweepResult> Run(LstmNetwork network, EvaluationData data, IEnumerable<SweepConfiguration> configurations)
    {
        foreach (var configuration in configurations)
        {
            var quantized = configuration.Weights is { } w ? network.WithQuantizedWeights(w) : network;
            yield return new SweepResult(configuration, data.Score(quantized, new QuantizationAware(null, configuration.Activations)));
        }
    }
}
