using Fpga.Host.Quantization;

namespace Fpga.Host.Tests.Quantization;

public class PackingConventionTests
{
    private static readonly int[] Widths = [1, 63, 64, 65, 200];

    private static readonly QuantizerOptions[] EveryMethod =
    [
        new(QuantMethod.Binary, 1), new(QuantMethod.BinaryConnect, 1), new(QuantMethod.Ternary, 2), new(QuantMethod.Quaternary, 2),
        new(QuantMethod.Greedy, 3), new(QuantMethod.Refined, 3), new(QuantMethod.Alternating, 3), new(QuantMethod.Uniform, 3), new(QuantMethod.Int8, 8),
    ];

    public static TheoryData<QuantizerOptions, int> MethodsAndWidths()
    {
        var data = new TheoryData<QuantizerOptions, int>();
        foreach (var options in EveryMethod)
            foreach (int cols in Widths) data.Add(options, cols);
        return data;
    }

    public static TheoryData<int> WidthData() => new(Widths);

    [Theory]
    [MemberData(nameof(MethodsAndWidths))]
    public void Padding_bits_past_the_last_column_are_clear(QuantizerOptions options, int cols)
    {
        const int rows = 3;
        var tensor = Quantizer.QuantizeRows(TestData.Gaussian(rows * cols, seed: cols), rows, cols, options);
        Assert.Equal((cols + 63) / 64, tensor.WordsPerRow);
        int used = cols % 64;
        for (int r = 0; r < rows; r++)
            for (int i = 0; i < tensor.Codes; i++)
            {
                ulong last = tensor.Plane(r, i)[tensor.WordsPerRow - 1];
                if (used != 0) Assert.Equal(0UL, last >> used);
            }
    }

    [Theory]
    [MemberData(nameof(WidthData))]
    public void Set_bit_means_plus_one_and_nonnegative_values_get_it(int cols)
    {
        var values = TestData.Gaussian(cols, seed: 100 + cols);
        values[0] = 0f;
        if (cols > 1) values[^1] = -0f;
        var tensor = Quantizer.QuantizeVector(values, new QuantizerOptions(QuantMethod.Binary, 1));
        float a = tensor.Coefficients[0];
        Assert.True(a >= 0f);
        for (int c = 0; c < cols; c++)
        {
            Assert.Equal(values[c] >= 0f, tensor.Bit(0, 0, c));
            Assert.Equal(values[c] >= 0f ? a : -a, tensor.Value(0, c));
        }
    }

    [Theory]
    [MemberData(nameof(WidthData))]
    public void Columns_are_packed_least_significant_bit_first(int cols)
    {
        // A single non-negative value at column c must light exactly bit c % 64 of word c / 64.
        for (int target = 0; target < cols; target += Math.Max(1, cols / 7))
        {
            var values = Enumerable.Repeat(-1f, cols).ToArray();
            values[target] = 1f;
            var tensor = Quantizer.QuantizeVector(values, new QuantizerOptions(QuantMethod.BinaryConnect, 1));
            var plane = tensor.Plane(0, 0);
            for (int w = 0; w < plane.Length; w++)
                Assert.Equal(w == target / 64 ? 1UL << (target % 64) : 0UL, plane[w]);
        }
    }

    [Theory]
    [MemberData(nameof(MethodsAndWidths))]
    public void Each_row_owns_its_planes_coefficients_and_offset(QuantizerOptions options, int cols)
    {
        const int rows = 4;
        var matrix = TestData.Gaussian(rows * cols, seed: 7 * cols);
        var whole = Quantizer.QuantizeRows(matrix, rows, cols, options);
        for (int r = 0; r < rows; r++)
        {
            var single = Quantizer.QuantizeVector(matrix.AsSpan(r * cols, cols), options);
            for (int i = 0; i < whole.Codes; i++) Assert.True(single.Plane(0, i).SequenceEqual(whole.Plane(r, i)));
            Assert.Equal(single.RowCoefficients(0).ToArray(), whole.RowCoefficients(r).ToArray());
            Assert.Equal(single.Offsets[0], whole.Offsets[r]);
        }
    }
}
