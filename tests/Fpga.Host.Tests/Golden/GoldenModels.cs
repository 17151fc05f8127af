using Fpga.Gen.Spec;
using Fpga.Host.Golden;
using Fpga.Host.Models;
using Fpga.Host.Quantization;

namespace Fpga.Host.Tests.Golden;

/// <summary>Random float models quantized for the golden model, and an independent column-by-column product.</summary>
internal static class GoldenModels
{
    public static (LstmModel Float, QuantizedModel Quantized) Random(int inputs, int hidden, int layers, int dense, int codes, int seed, QuantMethod method = QuantMethod.Alternating)
    {
        var model = RandomLstmModel.Create(inputs, hidden, layers, dense, seed);
        var (quantized, _) = ModelQuantizer.Quantize(model, new QuantizerOptions(method, codes), new ActivationQuantization(method, codes));
        return (model, quantized);
    }

    public static IReadOnlyList<CodedVector> Inputs(ModelImage image, ActivationQuantization method, int steps, int seed) =>
        StepInput.QuantizeSequence(RandomLstmModel.Inputs(1, steps, image.Spec.InputSize, seed), 0, method, image.Spec);

    /// <summary>sum_i sum_j A[r][i] * G[j] * sum_k (+-1)(+-1), one column at a time (no popcount).</summary>
    public static long Product(ImageMatrix weights, int row, CodedVector codes)
    {
        long sum = 0;
        for (int i = 0; i < weights.Codes; i++)
        {
            for (int j = 0; j < codes.Codes; j++)
            {
                long dot = 0;
                for (int k = 0; k < weights.Cols; k++)
                {
                    bool w = ((weights.Plane(row, i)[k >> 6] >> (k & 63)) & 1) != 0;
                    dot += w == codes.Bit(j, k) ? 1 : -1;
                }
                sum += weights.Coefficient(row, i) * codes.Coefficients[j] * dot;
            }
        }
        return sum;
    }

    public static long PreActivation(long acc, long bias, AcceleratorSpec spec) =>
        FixedPoint.Saturate(FixedPoint.RoundShiftRight(acc, spec.WeightCoefficient.Fraction + spec.ActivationCoefficient.Fraction - spec.Gate.Fraction) + bias, spec.Gate);
}
