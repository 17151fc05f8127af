using Fpga.Host.Quantization;

namespace Fpga.Host.Tests.Quantization;

public class QuaternaryQuantizerTests
{
    private static readonly QuantizerOptions Quaternary = new(QuantMethod.Quaternary, 2);

    [Fact]
    public void Quaternary_fits_its_scale_by_hand()
    {
        // Start a = 4/3 * 2.6; threshold 0.75a = 2.6 puts the 4s on magnitude 1, the rest on 0.5.
        // Refit a = (8 + 0.5 * 5) / (2 + 0.25 * 3) = 42/11; threshold 2.86 keeps the same codes.
        var tensor = Quantizer.QuantizeVector([4f, 2f, -2f, -4f, 1f], Quaternary);
        float a = 42f / 11f;
        Assert.Equal(0.75f * a, tensor.Coefficients[0], 5);
        Assert.Equal(0.25f * a, tensor.Coefficients[1], 5);
        Assert.Equal(0b10011UL, tensor.Plane(0, 0)[0]);
        Assert.Equal(0b00101UL, tensor.Plane(0, 1)[0]);
        var expected = new[] { a, a / 2, -a / 2, -a, a / 2 };
        var actual = tensor.Dequantize();
        for (int c = 0; c < expected.Length; c++) Assert.Equal(expected[c], actual[c], 5);
    }

    [Fact]
    public void Quaternary_levels_are_plus_minus_one_and_one_half_times_a()
    {
        var values = TestData.Gaussian(400, seed: 31);
        var tensor = Quantizer.QuantizeVector(values, Quaternary);
        Assert.Equal(3 * tensor.Coefficients[1], tensor.Coefficients[0], 6);
        float a = tensor.Coefficients[0] + tensor.Coefficients[1];
        var levels = new[] { -a, -a / 2, a / 2, a };
        Assert.All(tensor.Dequantize(), x => Assert.Contains(levels, level => Math.Abs(level - x) < 1e-6));
    }

    [Fact]
    public void Quaternary_result_is_a_fixed_point_of_both_steps()
    {
        var values = TestData.Gaussian(777, seed: 32);
        var tensor = Quantizer.QuantizeVector(values, Quaternary);
        var coefficients = tensor.RowCoefficients(0);
        for (int c = 0; c < values.Length; c++)
            Assert.True(Math.Abs(values[c] - tensor.Value(0, c)) <= Reference.NearestDistance(values[c], coefficients) + 1e-6);
        double numerator = 0, denominator = 0;
        float a = coefficients[0] + coefficients[1];
        for (int c = 0; c < values.Length; c++)
        {
            double level = tensor.Value(0, c) / a;
            numerator += values[c] * level;
            denominator += level * level;
        }
        Assert.Equal(numerator / denominator, a, 4);
    }
}
