using Fpga.Host.Quantization;

namespace Fpga.Host.Tests.Quantization;

/// <summary>B^T w as the code-producing passes report it, against the sum over unpacked codes.</summary>
public class CodeCorrelationTests
{
    public static TheoryData<int, int> BitsAndWidths() => new() { { 1, 1 }, { 2, 63 }, { 3, 64 }, { 4, 65 }, { 5, 200 }, { 8, 1000 } };

    [Theory]
    [MemberData(nameof(BitsAndWidths))]
    public void Greedy_magnitudes_give_the_correlation_of_greedy_codes(int bits, int cols)
    {
        var values = TestData.Gaussian(cols, seed: 800 + cols);
        int words = BitPlanes.WordsFor(cols);
        var planes = new ulong[bits * words];
        var coefficients = new float[bits];
        float offset = 0;
        var magnitudes = new double[bits];
        GreedyQuantizer.QuantizeRow(values, new QuantizedRow(planes, coefficients, ref offset, cols), RowScratch.ForCurrentThread(), magnitudes);
        var gram = new double[bits * bits];
        CodeGram.Compute(planes, bits, cols, gram);
        var correlation = new double[bits];
        GreedyQuantizer.Correlation(magnitudes, coefficients, gram, correlation);
        AssertCorrelation(values, new QuantizedTensor(1, cols, bits, QuantMethod.Greedy, planes, coefficients), correlation);
    }

    [Theory]
    [MemberData(nameof(BitsAndWidths))]
    public void Tree_assignment_reports_the_correlation_of_the_codes_it_wrote(int bits, int cols)
    {
        var values = TestData.Gaussian(cols, seed: 900 + cols);
        var coefficients = TestData.Gaussian(bits, seed: 950 + bits).Select(Math.Abs).ToArray();
        var tree = new LevelTree();
        tree.Build(coefficients);
        var planes = new ulong[bits * BitPlanes.WordsFor(cols)];
        var correlation = Enumerable.Repeat(123.0, bits).ToArray();
        BinarySearchTreeCodes.Assign(values, tree, planes, correlation);
        AssertCorrelation(values, new QuantizedTensor(1, cols, bits, QuantMethod.Alternating, planes, coefficients), correlation);
    }

    private static void AssertCorrelation(float[] values, QuantizedTensor tensor, double[] correlation)
    {
        var b = Reference.Codes(tensor, 0);
        for (int i = 0; i < tensor.Codes; i++)
        {
            double expected = 0;
            for (int c = 0; c < values.Length; c++) expected += b[c, i] * values[c];
            Assert.Equal(expected, correlation[i], 1e-4);
        }
    }
}
