using Fpga.Host.Quantization;

namespace Fpga.Host.Tests.Quantization;

public class NormalEquationsTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 63)]
    [InlineData(3, 64)]
    [InlineData(5, 65)]
    [InlineData(8, 200)]
    public void Gram_and_correlation_match_the_unpacked_codes(int bits, int cols)
    {
        var values = TestData.Gaussian(cols, seed: 600 + cols);
        var tensor = Quantizer.QuantizeVector(TestData.Gaussian(cols, seed: 700 + cols), new QuantizerOptions(QuantMethod.Greedy, bits));
        var b = Reference.Codes(tensor, 0);
        var gram = new double[bits * bits];
        var correlation = new double[bits];
        NormalEquations.Gram(tensor.Planes, bits, cols, gram);
        NormalEquations.Correlation(values, tensor.Planes, bits, correlation);
        for (int i = 0; i < bits; i++)
        {
            double expectedCorrelation = 0;
            for (int c = 0; c < cols; c++) expectedCorrelation += b[c, i] * values[c];
            Assert.Equal(expectedCorrelation, correlation[i], 1e-4);
            for (int j = 0; j < bits; j++)
            {
                double expectedGram = 0;
                for (int c = 0; c < cols; c++) expectedGram += b[c, i] * b[c, j];
                Assert.Equal(expectedGram, gram[i * bits + j]);
            }
        }
    }
}
