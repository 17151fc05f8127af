using Fpga.Host.Diagnostics;
using Fpga.Host.Models;
using Fpga.Host.Quantization;

namespace Fpga.Host.Golden;

/// <summary>
/// The fixed coefficients of static re-quantization: run the FLOAT model over calibration
/// sequences, greedy-quantize every layer's hidden vector at every step with ka codes (the
/// mean absolute residual per code, as the chip's greedy rule), and average each coefficient
/// j over all steps of all sequences. Averages of greedy coefficients keep their ordering
/// (each at least the sum of the later ones, almost always), so the static codes stay the nearest level.
/// </summary>
public static class StaticCalibration
{
    /// <summary>Per layer, ka real coefficients; the image rounds them into ActivationCoefficient format.</summary>
    public static IReadOnlyList<IReadOnlyList<double>> Calibrate(LstmModel model, LstmSequenceBatch inputs, int activationCodes)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Values is null) throw new FpgaException("calibration takes float feature sequences, not token ids");
        if (inputs.Features != model.InputSize)
            throw new FpgaException($"calibration inputs have {inputs.Features} features but the model takes {model.InputSize}");
        var greedy = new QuantizerOptions(QuantMethod.Greedy, activationCodes);
        greedy.Validate();

        var sums = model.Layers.Select(_ => new double[activationCodes]).ToArray();
        long vectors = 0;
        for (int b = 0; b < inputs.Batch; b++)
        {
            var hidden = model.Layers.Select(l => new float[l.HiddenSize]).ToArray();
            var cell = model.Layers.Select(l => new float[l.HiddenSize]).ToArray();
            var gates = model.Layers.Select(l => new float[4 * l.HiddenSize]).ToArray();
            for (int t = 0; t < inputs.Steps; t++)
            {
                ReadOnlySpan<float> x = inputs.Values.AsSpan((b * inputs.Steps + t) * inputs.Features, inputs.Features);
                for (int l = 0; l < model.Layers.Count; l++)
                {
                    LstmForwardPass.Step(model.Layers[l], x, hidden[l], cell[l], gates[l]);
                    var coefficients = Quantizer.QuantizeVector(hidden[l], greedy).Coefficients;
                    for (int j = 0; j < activationCodes; j++) sums[l][j] += coefficients[j];
                    x = hidden[l];
                }
                vectors++;
            }
        }
        return sums.Select(s => (IReadOnlyList<double>)s.Select(v => v / vectors).ToArray()).ToArray();
    }
}
