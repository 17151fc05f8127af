using Fpga.Host.Quantization;

namespace Fpga.Host.Tests.Quantization;

public class CodeGramTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 63)]
    [InlineData(3, 64)]
    [InlineData(5, 65)]
    [InlineData(8, 200)]
    public void Gram_from_popcounts_matches_the_unpacked_codes(int bits, int cols)
    {
        var tensor = Quantizer.QuantizeVector(TestData.Gaussian(cols, seed: 700 + cols), new QuantizerOptions(QuantMethod.Greedy, bits));
        var b = Reference.Codes(tensor, 0);
        var gram = new double[bits * bits];
        CodeGram.Compute(tensor.Planes, bits, cols, gram);
        for (int i = 0; i < bits; i++)
            for (int j = 0; j < bits; j++)
            {
                double expected = 0;
                for (int c = 0; c < cols; c++) expected += b[c, i] * b[c, j];
                Assert.Equal(expected, gram[i * bits + j]);
            }
    }
}
