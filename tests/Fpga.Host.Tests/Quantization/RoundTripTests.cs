using Fpga.Host.Quantization;

namespace Fpga.Host.Tests.Quantization;

public class RoundTripTests
{
    private const int Rows = 3, Cols = 96;

    /// <summary>Rows every method can represent exactly, each with its own scale.</summary>
    public static TheoryData<QuantizerOptions, float[]> RepresentableMatrices()
    {
        var random = new Random(123);
        float Pick(params float[] levels) => levels[random.Next(levels.Length)];
        // Each row starts with its extreme levels so range-based starting scales see the true range.
        float[] Build(Func<float, float> element, Func<float, float[]> extremes)
        {
            var m = new float[Rows * Cols];
            for (int r = 0; r < Rows; r++)
            {
                float scale = 0.5f + r;
                var ends = extremes(scale);
                for (int c = 0; c < Cols; c++) m[r * Cols + c] = c < ends.Length ? ends[c] : element(scale);
            }
            return m;
        }
        var data = new TheoryData<QuantizerOptions, float[]>
        {
            { new(QuantMethod.Binary, 1), Build(s => Pick(-s, s), s => [s]) },
            { new(QuantMethod.BinaryConnect, 1), Build(_ => Pick(-1f, 1f), _ => [1f]) },
            { new(QuantMethod.Ternary, 2), Build(s => Pick(-s, 0f, s), s => [s]) },
            { new(QuantMethod.Quaternary, 2), Build(s => Pick(-s, -s / 2, s / 2, s), s => [s, -s / 2]) },
            { new(QuantMethod.Uniform, 3), Build(s => Pick(-7 * s, -5 * s, -3 * s, -s, s, 3 * s, 5 * s, 7 * s), s => [7 * s]) },
        };
        foreach (var method in new[] { QuantMethod.Greedy, QuantMethod.Refined, QuantMethod.Alternating })
            data.Add(new(method, 2), BalancedTwoCodeRows());
        data.Add(new(QuantMethod.Int8, 8), Build(s => s / 85f * random.Next(-85, 171), s => [-s, 2 * s]));
        return data;
    }

    [Theory]
    [MemberData(nameof(RepresentableMatrices))]
    public void Representable_rows_come_back_exactly(QuantizerOptions options, float[] matrix)
    {
        var tensor = Quantizer.QuantizeRows(matrix, Rows, Cols, options);
        var restored = tensor.Dequantize();
        for (int i = 0; i < matrix.Length; i++) Assert.Equal(matrix[i], restored[i], 1e-4 * (1 + Math.Abs(matrix[i])));
        Assert.True(QuantizationError.Relative(matrix, tensor) < 1e-9);
    }

    public static TheoryData<QuantizerOptions> EveryMethod() => new(
        new(QuantMethod.Binary, 1), new(QuantMethod.BinaryConnect, 1), new(QuantMethod.Ternary, 2), new(QuantMethod.Quaternary, 2),
        new(QuantMethod.Greedy, 4), new(QuantMethod.Refined, 4), new(QuantMethod.Alternating, 4), new(QuantMethod.Uniform, 4), new(QuantMethod.Int8, 8));

    [Theory]
    [MemberData(nameof(EveryMethod))]
    public void All_zero_rows_come_back_as_zeros_except_under_a_fixed_scale(QuantizerOptions options)
    {
        // BinaryConnect has no zero level: 0 takes the +1 code at scale 1.
        float expected = options.Method == QuantMethod.BinaryConnect ? 1f : 0f;
        var tensor = Quantizer.QuantizeRows(new float[Rows * Cols], Rows, Cols, options);
        Assert.All(tensor.Coefficients, a => Assert.True(float.IsFinite(a)));
        Assert.All(tensor.Dequantize(), x => Assert.Equal(expected, x));
    }

    [Theory]
    [MemberData(nameof(EveryMethod))]
    public void Constant_rows_come_back_exactly_except_under_a_fixed_scale(QuantizerOptions options)
    {
        // Constant rows make duplicate code columns for the least-squares methods.
        var matrix = new float[Rows * Cols];
        for (int r = 0; r < Rows; r++) matrix.AsSpan(r * Cols, Cols).Fill(r - 1.5f);
        var restored = Quantizer.QuantizeRows(matrix, Rows, Cols, options).Dequantize();
        for (int i = 0; i < matrix.Length; i++)
        {
            float expected = options.Method == QuantMethod.BinaryConnect ? Math.Sign(matrix[i]) : matrix[i];
            Assert.Equal(expected, restored[i], 1e-5);
        }
    }

    [Fact]
    public void Dequantize_agrees_with_the_row_decoder_used_for_errors()
    {
        var matrix = TestData.Gaussian(5 * 130, seed: 9);
        var tensor = Quantizer.QuantizeRows(matrix, 5, 130, new QuantizerOptions(QuantMethod.Int8, 8));
        var all = tensor.Dequantize();
        var row = new float[130];
        for (int r = 0; r < 5; r++)
        {
            RowReconstruction.Decode(tensor, r, row);
            Assert.Equal(all.AsSpan(r * 130, 130).ToArray(), row);
        }
    }

    /// <summary>
    /// a1 b1 + a2 b2 with a1 &gt; a2 and b2 agreeing with b1 on exactly half the columns: greedy then
    /// reads a1 = mean |w| and the residual a2 b2 exactly.
    /// </summary>
    private static float[] BalancedTwoCodeRows()
    {
        var random = new Random(321);
        var m = new float[Rows * Cols];
        for (int r = 0; r < Rows; r++)
        {
            var agree = Enumerable.Range(0, Cols).Select(c => c % 2 == 0).OrderBy(_ => random.Next()).ToArray();
            float a1 = 1f + r, a2 = 0.25f + 0.125f * r;
            for (int c = 0; c < Cols; c++)
            {
                float b1 = random.Next(2) == 0 ? -1f : 1f;
                m[r * Cols + c] = a1 * b1 + a2 * (agree[c] ? b1 : -b1);
            }
        }
        return m;
    }
}
