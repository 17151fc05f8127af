using Fpga.Host.Quantization;

namespace Fpga.Host.Tests.Quantization;

public class UniformQuantizerTests
{
    [Fact]
    public void Uniform_two_bits_by_hand()
    {
        // max |w| = 3 gives step 1: levels -3, -1, 1, 3 hit every value, so the refit keeps step 1.
        var tensor = Quantizer.QuantizeVector([3f, 1f, -1f, -3f], new QuantizerOptions(QuantMethod.Uniform, 2));
        Assert.Equal([1f, 2f], tensor.Coefficients);
        Assert.Equal(0b0101UL, tensor.Plane(0, 0)[0]);
        Assert.Equal(0b0011UL, tensor.Plane(0, 1)[0]);
        Assert.Equal([3f, 1f, -1f, -3f], tensor.Dequantize());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(8)]
    public void Uniform_levels_are_evenly_spaced_odd_multiples_of_the_step(int bits)
    {
        var values = TestData.Gaussian(1000, seed: 60 + bits);
        var tensor = Quantizer.QuantizeVector(values, new QuantizerOptions(QuantMethod.Uniform, bits));
        float step = tensor.Coefficients[0];
        Assert.True(step > 0);
        for (int i = 1; i < bits; i++) Assert.Equal(step * (1 << i), tensor.Coefficients[i]);
        foreach (float x in tensor.Dequantize())
        {
            double multiple = x / step;
            Assert.Equal(1.0, Math.Abs(multiple % 2), 3);
            Assert.True(Math.Abs(multiple) <= (1 << bits) - 1 + 1e-3);
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Uniform_step_does_no_worse_than_max_magnitude_scaling(int bits)
    {
        var values = TestData.Gaussian(2000, seed: 70 + bits);
        var tensor = Quantizer.QuantizeVector(values, new QuantizerOptions(QuantMethod.Uniform, bits));
        int top = (1 << bits) - 1;
        double step = values.Max(Math.Abs) / top;
        double maxAbsError = values.Sum(x =>
        {
            double odd = 2 * Math.Round((x / step - 1) / 2) + 1;
            return Math.Pow(x - step * Math.Clamp(odd, -top, top), 2);
        });
        double error = Reference.SquaredError(values, tensor, 0);
        Assert.True(error < maxAbsError, $"fitted {error}, max-abs {maxAbsError}");
    }
}
