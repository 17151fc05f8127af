using Fpga.Host.Quantization;

namespace Fpga.Host.Tests.Quantization;

public class GreedyQuantizerTests
{
    [Fact]
    public void Greedy_two_bits_by_hand()
    {
        // b1 = sign(w), a1 = 2; r = (1, 1, -1, -1), b2 = sign(r), a2 = 1: exact.
        var tensor = Quantizer.QuantizeVector([3f, -1f, 1f, -3f], new QuantizerOptions(QuantMethod.Greedy, 2));
        Assert.Equal([2f, 1f], tensor.Coefficients);
        Assert.Equal(0b0101UL, tensor.Plane(0, 0)[0]);
        Assert.Equal(0b0011UL, tensor.Plane(0, 1)[0]);
        Assert.Equal([3f, -1f, 1f, -3f], tensor.Dequantize());
    }

    [Fact]
    public void Greedy_second_code_by_hand()
    {
        // w = (9, -7, -9, 6, -1): a1 = 32/5, r = (2.6, -0.6, -2.6, -0.4, 5.4), a2 = 11.6/5.
        var tensor = Quantizer.QuantizeVector([9f, -7f, -9f, 6f, -1f], new QuantizerOptions(QuantMethod.Greedy, 2));
        Assert.Equal(6.4f, tensor.Coefficients[0], 5);
        Assert.Equal(2.32f, tensor.Coefficients[1], 5);
        Assert.Equal(0b01001UL, tensor.Plane(0, 0)[0]);
        Assert.Equal(0b10001UL, tensor.Plane(0, 1)[0]);
    }

    public static TheoryData<int, int> BitsAndWidths() => new()
    {
        { 1, 1 }, { 2, 63 }, { 3, 64 }, { 4, 65 }, { 5, 200 }, { 8, 333 },
    };

    [Theory]
    [MemberData(nameof(BitsAndWidths))]
    public void Greedy_matches_its_definition_step_by_step(int bits, int cols)
    {
        var values = TestData.Gaussian(cols, seed: bits * 1000 + cols);
        var tensor = Quantizer.QuantizeVector(values, new QuantizerOptions(QuantMethod.Greedy, bits));
        var residual = values.Select(x => (double)x).ToArray();
        for (int i = 0; i < bits; i++)
        {
            double a = residual.Average(Math.Abs);
            Assert.Equal(a, tensor.Coefficients[i], Math.Max(1e-6, a * 1e-4));
            for (int c = 0; c < cols; c++)
            {
                // Agreement on the sign is only meaningful away from float noise around zero.
                if (Math.Abs(residual[c]) > 1e-4) Assert.Equal(residual[c] >= 0, tensor.Bit(0, i, c));
                residual[c] -= (tensor.Bit(0, i, c) ? 1 : -1) * tensor.Coefficients[i];
            }
        }
    }
}
