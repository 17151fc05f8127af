using Fpga.Host.Quantization;

namespace Fpga.Host.Tests.Quantization;

public class TernaryQuantizerTests
{
    private static readonly QuantizerOptions Ternary = new(QuantMethod.Ternary, 2);

    [Fact]
    public void Ternary_thresholds_at_seven_tenths_of_mean_magnitude_by_hand()
    {
        // mean |w| = 3.62 / 6, delta = 0.4223 just above |-0.42|; kept 1.0, 1.4, 0.5 so a = 2.9 / 3.
        var tensor = Quantizer.QuantizeVector([1.0f, -0.2f, 0.1f, -1.4f, 0.5f, -0.42f], Ternary);
        float a = 2.9f / 3f;
        Assert.Equal(a / 2, tensor.Coefficients[0], 6);
        Assert.Equal(a / 2, tensor.Coefficients[1], 6);
        Assert.Equal(0b110111UL, tensor.Plane(0, 0)[0]);
        Assert.Equal(0b010001UL, tensor.Plane(0, 1)[0]);
        var expected = new[] { a, 0f, 0f, -a, a, 0f };
        var actual = tensor.Dequantize();
        for (int c = 0; c < expected.Length; c++) Assert.Equal(expected[c], actual[c], 6);
    }

    [Fact]
    public void Ternary_zero_code_is_plus_then_minus()
    {
        var tensor = Quantizer.QuantizeVector([3f, 0f, -3f], Ternary);
        Assert.Equal(3, Reference.Pattern(tensor, 0, 0));
        Assert.Equal(1, Reference.Pattern(tensor, 0, 1));
        Assert.Equal(0, Reference.Pattern(tensor, 0, 2));
        Assert.Equal([3f, 0f, -3f], tensor.Dequantize());
    }

    [Fact]
    public void Ternary_scale_is_optimal_for_its_threshold()
    {
        // With the zero set fixed by delta, the error is a parabola in a; nudging a either way must cost.
        var values = TestData.Gaussian(500, seed: 21);
        var tensor = Quantizer.QuantizeVector(values, Ternary);
        double best = Reference.SquaredError(values, tensor, 0);
        float a = 2 * tensor.Coefficients[0];
        foreach (float factor in new[] { 0.98f, 1.02f })
        {
            double error = 0;
            for (int c = 0; c < values.Length; c++)
            {
                float level = tensor.Value(0, c) switch { > 0 => a * factor, < 0 => -a * factor, _ => 0f };
                error += Math.Pow(values[c] - level, 2);
            }
            Assert.True(error > best, $"scale x{factor} gave {error}, optimum {best}");
        }
    }
}
