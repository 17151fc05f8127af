using Fpga.Host.Quantization;

namespace Fpga.Host.Tests.Quantization;

public class QuantizationErrorTests
{
    [Theory]
    [InlineData(QuantMethod.Binary, 1)]
    [InlineData(QuantMethod.Alternating, 3)]
    [InlineData(QuantMethod.Int8, 8)]
    public void Relative_error_is_squared_error_over_squared_norm_of_the_dequantized_matrix(QuantMethod method, int bits)
    {
        const int rows = 40, cols = 1000;
        var matrix = TestData.Gaussian(rows * cols, seed: 3);
        var tensor = Quantizer.QuantizeRows(matrix, rows, cols, new QuantizerOptions(method, bits));
        var restored = tensor.Dequantize();
        double error = 0, norm = 0;
        for (int i = 0; i < matrix.Length; i++)
        {
            error += Math.Pow(matrix[i] - (double)restored[i], 2);
            norm += Math.Pow(matrix[i], 2);
        }
        Assert.Equal(error / norm, QuantizationError.Relative(matrix, tensor), 1e-12);
    }

    [Fact]
    public void Relative_error_by_hand()
    {
        // Binary of (3, 1): a = 2, so (1^2 + 1^2) / (9 + 1).
        var tensor = Quantizer.QuantizeVector([3f, 1f], new QuantizerOptions(QuantMethod.Binary, 1));
        Assert.Equal(0.2, QuantizationError.Relative([3f, 1f], tensor), 12);
    }

    [Fact]
    public void Zero_matrix_has_zero_relative_error()
    {
        var zeros = new float[64];
        Assert.Equal(0.0, QuantizationError.Relative(zeros, Quantizer.QuantizeVector(zeros, new QuantizerOptions(QuantMethod.Greedy, 2))));
    }

    [Fact]
    public void Zero_matrix_against_nonzero_quantization_is_infinitely_wrong()
    {
        var tensor = Quantizer.QuantizeVector([1f, -1f], new QuantizerOptions(QuantMethod.BinaryConnect, 1));
        Assert.Equal(double.PositiveInfinity, QuantizationError.Relative([0f, 0f], tensor));
    }

    [Fact]
    public void Original_of_another_shape_is_a_programming_error()
    {
        var tensor = Quantizer.QuantizeVector([1f, -1f, 2f], new QuantizerOptions(QuantMethod.Binary, 1));
        Assert.Throws<ArgumentException>(() => QuantizationError.Relative([1f, 2f], tensor));
    }
}
