using Fpga.Host.Quantization;

namespace Fpga.Host.Tests.Quantization;

public class BinaryQuantizerTests
{
    [Fact]
    public void Binary_takes_signs_and_mean_magnitude_by_hand()
    {
        var tensor = Quantizer.QuantizeVector([1f, -2f, 3f, -4f], new QuantizerOptions(QuantMethod.Binary, 1));
        Assert.Equal(0b0101UL, tensor.Plane(0, 0)[0]);
        Assert.Equal(2.5f, tensor.Coefficients[0]);
        Assert.Equal([2.5f, -2.5f, 2.5f, -2.5f], tensor.Dequantize());
    }

    [Fact]
    public void Binary_scale_is_per_row()
    {
        var tensor = Quantizer.QuantizeRows([1f, -1f, 10f, 30f], 2, 2, new QuantizerOptions(QuantMethod.Binary, 1));
        Assert.Equal([1f, 20f], tensor.Coefficients);
    }

    [Fact]
    public void Binary_scale_is_the_least_squares_scale_for_sign_codes()
    {
        var values = TestData.Gaussian(300, seed: 11);
        var tensor = Quantizer.QuantizeVector(values, new QuantizerOptions(QuantMethod.Binary, 1));
        var a = Reference.LeastSquares(Reference.Codes(tensor, 0), values);
        Assert.Equal(a[0], tensor.Coefficients[0], 1e-5);
    }

    [Fact]
    public void BinaryConnect_takes_signs_with_scale_one_and_zero_counts_as_plus()
    {
        var tensor = Quantizer.QuantizeVector([0.5f, -0.1f, 0f], new QuantizerOptions(QuantMethod.BinaryConnect, 1));
        Assert.Equal(0b101UL, tensor.Plane(0, 0)[0]);
        Assert.Equal(1f, tensor.Coefficients[0]);
        Assert.Equal([1f, -1f, 1f], tensor.Dequantize());
    }
}
