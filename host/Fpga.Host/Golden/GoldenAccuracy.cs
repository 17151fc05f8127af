using Fpga.Gen.Spec;
using Fpga.Host.Models;
using Fpga.Host.Quantization;

namespace Fpga.Host.Golden;

/// <summary>How far the golden model's hidden state is from the float model's, over every unit, step and sequence.</summary>
public sealed record HiddenStateError(double Mean, double Max, long Count);

/// <summary>Compares the golden model (integers, dequantized with 2^-FH) with the float reference forward pass.</summary>
public static class GoldenAccuracy
{
    /// <summary>
    /// |h_golden - h_float| of the last layer at every step. <paramref name="quantized"/> must be
    /// <paramref name="floatModel"/> quantized; its dense layer, if any, is ignored: the spec is
    /// forced to <see cref="OutputMode.HiddenEveryStep"/>.
    /// </summary>
    public static HiddenStateError Measure(LstmModel floatModel, QuantizedModel quantized, AcceleratorSpec spec, LstmSequenceBatch inputs,
        IReadOnlyList<IReadOnlyList<double>>? staticCoefficients = null)
    {
        ArgumentNullException.ThrowIfNull(floatModel);
        ArgumentNullException.ThrowIfNull(quantized);
        ArgumentNullException.ThrowIfNull(inputs);
        var hiddenSpec = (spec with { Output = OutputMode.HiddenEveryStep }).Validate();
        var golden = GoldenInference.Run(ModelImage.Build(quantized, hiddenSpec, staticCoefficients), quantized.Layers[0].Activations, inputs).ToFloat32();
        var reference = LstmForwardPass.Run(new LstmModel(floatModel.Layers), inputs);
        if (golden.Length != reference.Length)
            throw new ArgumentException($"the golden model gave {golden.Length} values but the float model {reference.Length}: are they the same model?", nameof(quantized));
        double sum = 0, max = 0;
        for (int i = 0; i < golden.Length; i++)
        {
            double error = Math.Abs((double)golden[i] - reference[i]);
            sum += error;
            max = Math.Max(max, error);
        }
        return new HiddenStateError(sum / golden.Length, max, golden.Length);
    }
}
