using Fpga.Host.Quantization;

namespace Fpga.Host.Tests.Quantization;

public class RefinedQuantizerTests
{
    [Fact]
    public void Refined_refits_greedy_codes_by_hand()
    {
        // Greedy codes B = [(+,+), (+,-), (+,-)]; B^T B = [[3,-1],[-1,3]], B^T w = (7, 1) so a = (2.75, 1.25).
        var tensor = Quantizer.QuantizeVector([4f, 2f, 1f], new QuantizerOptions(QuantMethod.Refined, 2));
        Assert.Equal(2.75f, tensor.Coefficients[0], 5);
        Assert.Equal(1.25f, tensor.Coefficients[1], 5);
        Assert.Equal(0b111UL, tensor.Plane(0, 0)[0]);
        Assert.Equal(0b001UL, tensor.Plane(0, 1)[0]);
    }

    [Theory]
    [InlineData(2, 100)]
    [InlineData(3, 64)]
    [InlineData(4, 129)]
    [InlineData(6, 500)]
    public void Refined_keeps_greedy_codes_and_solves_their_normal_equations(int bits, int cols)
    {
        var values = TestData.Gaussian(cols, seed: 40 + bits);
        var greedy = Quantizer.QuantizeVector(values, new QuantizerOptions(QuantMethod.Greedy, bits));
        var refined = Quantizer.QuantizeVector(values, new QuantizerOptions(QuantMethod.Refined, bits));
        Assert.Equal(greedy.Planes, refined.Planes);
        var expected = Reference.LeastSquares(Reference.Codes(refined, 0), values);
        for (int i = 0; i < bits; i++) Assert.Equal(expected[i], refined.Coefficients[i], 1e-4);
        Assert.All(Reference.NormalResidual(Reference.Codes(refined, 0), values, refined.Coefficients), g => Assert.True(Math.Abs(g) < 1e-3, $"gradient {g}"));
    }
}
