using System.Numerics;
using Fpga.Gen.Cores.Accelerator;
using Fpga.Gen.Spec;
using Fpga.Host.Diagnostics;
using Fpga.Host.Golden;

namespace Fpga.Host.Packing;

/// <summary>
/// Turns a <see cref="ModelImage"/> into the ordered writes that load it into the accelerator,
/// at the addresses of its <see cref="AcceleratorMemoryMap"/>: per layer the input weights and
/// coefficients, the recurrent ones, the biases (and static coefficients), then the dense rows
/// (padding rows as zeros) and biases. Signed values are written in two's complement at their
/// format's width. The same list serves the simulator, the testbench writer and the link.
/// </summary>
public static class ImagePacker
{
    public static IReadOnlyList<ConfigWrite> Pack(ModelImage image, AcceleratorMemoryMap map)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(map);
        var spec = map.Spec;
        if (image.Spec.Hash != spec.Hash) throw new FpgaException($"the image is for spec {image.Spec.Hash[..16]} but the accelerator is {spec.Hash[..16]}");
        var writes = new List<ConfigWrite>();
        int h = spec.HiddenSize, wa = spec.WeightCoefficient.Width, wz = spec.Gate.Width;
        for (int l = 0; l < spec.Layers; l++)
        {
            var layer = image.Layers[l];
            var folding = map.Folding.Layers[l];
            Matrix(writes, layer.InputWeights, folding.Input.Simd, folding.Input.ColFolds, wa,
                (r, i, cf) => map.InputWeightAddress(l, r, i, cf), (r, i) => map.InputCoefficientAddress(l, r, i));
            Matrix(writes, layer.HiddenWeights, folding.Recurrent.Simd, folding.Recurrent.ColFolds, wa,
                (r, i, cf) => map.RecurrentWeightAddress(l, r, i, cf), (r, i) => map.RecurrentCoefficientAddress(l, r, i));
            for (int k = 0; k < h; k++)
            {
                BigInteger word = 0;
                for (int q = 0; q < 4; q++) word |= Bits(layer.Bias[q * h + k], wz) << (q * wz);
                writes.Add(new ConfigWrite(map.BiasAddress(l, k), word));
            }
            if (spec.Requantization == HiddenRequantization.Static)
            {
                for (int j = 0; j < spec.ActivationCodes; j++)
                    writes.Add(new ConfigWrite(map.StaticCoefficientAddress(l, j), Bits(layer.StaticCoefficients![j], spec.ActivationCoefficient.Width)));
            }
        }
        if (AcceleratorFolding.HasDense(spec))
        {
            var dense = image.Dense!;
            var recurrent = map.Folding.Layers[^1].Recurrent;
            int rows = AcceleratorFolding.PaddedDenseRows(spec);
            for (int r = 0; r < rows; r++)
            {
                for (int i = 0; i < spec.WeightCodes; i++)
                {
                    var plane = r < dense.Weights.Rows ? Columns(dense.Weights.Plane(r, i)) : BigInteger.Zero;
                    for (int cf = 0; cf < recurrent.ColFolds; cf++)
                        writes.Add(new ConfigWrite(map.DenseWeightAddress(r, i, cf), Word(plane, cf, recurrent.Simd)));
                    writes.Add(new ConfigWrite(map.DenseCoefficientAddress(r, i), r < dense.Weights.Rows ? Bits(dense.Weights.Coefficient(r, i), wa) : 0));
                }
            }
            for (int r = 0; r < rows; r++)
                writes.Add(new ConfigWrite(map.DenseBiasAddress(r), r < dense.Bias.Length ? Bits(dense.Bias[r], wz) : 0));
        }
        return writes;
    }

    private static void Matrix(List<ConfigWrite> writes, ImageMatrix matrix, int simd, int colFolds, int coefficientWidth,
        Func<int, int, int, ulong> weightAddress, Func<int, int, ulong> coefficientAddress)
    {
        for (int r = 0; r < matrix.Rows; r++)
        {
            for (int i = 0; i < matrix.Codes; i++)
            {
                var plane = Columns(matrix.Plane(r, i));
                for (int cf = 0; cf < colFolds; cf++) writes.Add(new ConfigWrite(weightAddress(r, i, cf), Word(plane, cf, simd)));
                writes.Add(new ConfigWrite(coefficientAddress(r, i), Bits(matrix.Coefficient(r, i), coefficientWidth)));
            }
        }
    }

    /// <summary>A plane held as 64-bit words, least significant first, as one column bit vector.</summary>
    internal static BigInteger Columns(ReadOnlySpan<ulong> words)
    {
        BigInteger value = 0;
        for (int w = words.Length - 1; w >= 0; w--) value = (value << 64) | words[w];
        return value;
    }

    /// <summary>The SIMD columns of a plane starting at colFold * SIMD (padding columns are 0).</summary>
    internal static BigInteger Word(BigInteger plane, int colFold, int simd) => (plane >> (colFold * simd)) & ((BigInteger.One << simd) - 1);

    /// <summary>A signed value as its two's complement bits at <paramref name="width"/>.</summary>
    internal static BigInteger Bits(long value, int width) => value >= 0 ? value : (BigInteger.One << width) + value;
}
