using Fpga.Host.Diagnostics;
using Fpga.Host.Quantization;

namespace Fpga.Host.Tests.Quantization;

public class QuantizerOptionsTests
{
    public static TheoryData<QuantMethod, int> WrongBits => new()
    {
        { QuantMethod.Binary, 2 }, { QuantMethod.BinaryConnect, 0 }, { QuantMethod.Ternary, 1 }, { QuantMethod.Ternary, 3 },
        { QuantMethod.Quaternary, 4 }, { QuantMethod.Int8, 7 }, { QuantMethod.Greedy, 0 }, { QuantMethod.Refined, 9 },
        { QuantMethod.Alternating, -1 }, { QuantMethod.Uniform, 9 },
    };

    public static TheoryData<QuantMethod, int> RightBits => new()
    {
        { QuantMethod.Binary, 1 }, { QuantMethod.BinaryConnect, 1 }, { QuantMethod.Ternary, 2 }, { QuantMethod.Quaternary, 2 },
        { QuantMethod.Int8, 8 }, { QuantMethod.Greedy, 1 }, { QuantMethod.Refined, 8 }, { QuantMethod.Alternating, 4 }, { QuantMethod.Uniform, 3 },
    };

    [Theory]
    [MemberData(nameof(WrongBits))]
    public void Wrong_bit_width_for_the_method_is_rejected_naming_both(QuantMethod method, int bits)
    {
        var e = Assert.Throws<FpgaException>(() => Quantizer.QuantizeVector([1f, -1f], new QuantizerOptions(method, bits)));
        Assert.Contains(method.ToString(), e.Message);
        Assert.Contains(bits.ToString(), e.Message);
    }

    [Theory]
    [MemberData(nameof(RightBits))]
    public void Allowed_bit_width_quantizes_with_that_many_codes(QuantMethod method, int bits)
    {
        var tensor = Quantizer.QuantizeVector([0.5f, -1.5f, 2f], new QuantizerOptions(method, bits));
        Assert.Equal(bits, tensor.Codes);
        Assert.Equal(method, tensor.Method);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(QuantizerOptions.MaxCycles + 1)]
    public void Cycles_outside_range_are_rejected(int cycles)
    {
        var e = Assert.Throws<FpgaException>(() => new QuantizerOptions(QuantMethod.Alternating, 2, cycles).Validate());
        Assert.Contains("cycles", e.Message);
    }

    [Fact]
    public void Undefined_method_value_is_rejected()
    {
        var e = Assert.Throws<FpgaException>(() => new QuantizerOptions((QuantMethod)99, 2).Validate());
        Assert.Contains("99", e.Message);
    }

    [Fact]
    public void Matrix_length_that_does_not_match_its_shape_is_rejected()
    {
        var e = Assert.Throws<FpgaException>(() => Quantizer.QuantizeRows(new float[10], 3, 4, new QuantizerOptions(QuantMethod.Binary, 1)));
        Assert.Contains("3x4", e.Message);
    }

    [Theory]
    [InlineData(0, 4)]
    [InlineData(2, 0)]
    [InlineData(-1, -4)]
    public void Non_positive_dimensions_are_rejected(int rows, int cols)
    {
        Assert.Throws<FpgaException>(() => Quantizer.QuantizeRows([], rows, cols, new QuantizerOptions(QuantMethod.Binary, 1)));
    }

    [Fact]
    public void Empty_vector_is_rejected()
    {
        Assert.Throws<FpgaException>(() => Quantizer.QuantizeVector([], new QuantizerOptions(QuantMethod.Greedy, 2)));
    }

    [Theory]
    [InlineData(float.NaN, 5)]
    [InlineData(float.PositiveInfinity, 17)]
    [InlineData(float.NegativeInfinity, 99)]
    public void Non_finite_matrix_value_is_reported_with_its_position(float bad, int index)
    {
        const int cols = 40;
        var matrix = TestData.Gaussian(cols * 3, seed: 1);
        matrix[index] = bad;
        var e = Assert.Throws<FpgaException>(() => Quantizer.QuantizeRows(matrix, 3, cols, new QuantizerOptions(QuantMethod.Alternating, 2)));
        Assert.Contains($"row {index / cols}, column {index % cols}", e.Message);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(64)]
    [InlineData(130)]
    public void Non_finite_vector_element_is_reported_with_its_index(int index)
    {
        var vector = TestData.Gaussian(131, seed: 2);
        vector[index] = float.NaN;
        var e = Assert.Throws<FpgaException>(() => Quantizer.QuantizeVector(vector, new QuantizerOptions(QuantMethod.Binary, 1)));
        Assert.Contains($"element {index}", e.Message);
    }
}
