using Fpga.Host.Quantization;

namespace Fpga.Host.Tests.Quantization;

public class AlternatingQuantizerTests
{
    [Fact]
    public void Alternating_by_hand_moves_a_code_then_refits()
    {
        // Greedy/refined codes for w = (9, -7, -9, 6, -1) put 6 on (+,-). Refined a = (71/12, 29/12)
        // makes (+,+) = 8.33 nearer to 6 than (+,-) = 3.5, so cycle 1 moves it; cycle 2 refits
        // a = (35/8, 27/8) for the new codes, error 6.75 against refined's 15.17.
        float[] values = [9f, -7f, -9f, 6f, -1f];
        var one = Quantizer.QuantizeVector(values, new QuantizerOptions(QuantMethod.Alternating, 2, Cycles: 1));
        Assert.Equal(71f / 12f, one.Coefficients[0], 5);
        Assert.Equal(29f / 12f, one.Coefficients[1], 5);
        Assert.Equal(0b01001UL, one.Plane(0, 0)[0]);
        Assert.Equal(0b11001UL, one.Plane(0, 1)[0]);

        var two = Quantizer.QuantizeVector(values, new QuantizerOptions(QuantMethod.Alternating, 2, Cycles: 2));
        Assert.Equal(35f / 8f, two.Coefficients[0], 5);
        Assert.Equal(27f / 8f, two.Coefficients[1], 5);
        Assert.Equal(0b01001UL, two.Plane(0, 0)[0]);
        Assert.Equal(0b11001UL, two.Plane(0, 1)[0]);
        Assert.Equal(6.75, Reference.SquaredError(values, two, 0), 4);
    }

    public static TheoryData<int, int> SmallBitsAndWidths()
    {
        var data = new TheoryData<int, int>();
        for (int bits = 1; bits <= 4; bits++)
            foreach (int cols in new[] { 1, 7, 64, 77, 256 }) data.Add(bits, cols);
        return data;
    }

    [Theory]
    [MemberData(nameof(SmallBitsAndWidths))]
    public void Alternating_codes_are_optimal_for_their_coefficients_by_exhaustive_search(int bits, int cols)
    {
        const int rows = 5;
        var matrix = TestData.Gaussian(rows * cols, seed: bits * 97 + cols);
        var tensor = Quantizer.QuantizeRows(matrix, rows, cols, new QuantizerOptions(QuantMethod.Alternating, bits, Cycles: 3));
        for (int r = 0; r < rows; r++)
        {
            var coefficients = tensor.RowCoefficients(r);
            for (int c = 0; c < cols; c++)
            {
                float x = matrix[r * cols + c];
                double chosen = Math.Abs(x - (double)tensor.Value(r, c));
                double best = Reference.NearestDistance(x, coefficients);
                Assert.True(chosen <= best + 1e-6 * (1 + Math.Abs(x)), $"row {r} col {c}: distance {chosen}, best {best}");
            }
        }
    }

    [Theory]
    [InlineData(2, 100)]
    [InlineData(3, 300)]
    [InlineData(4, 65)]
    public void Alternating_coefficients_are_the_least_squares_fit_of_the_codes_they_came_from(int bits, int cols)
    {
        // After c cycles the coefficients were fitted to the codes of c - 1 cycles.
        var values = TestData.Gaussian(cols, seed: 500 + bits);
        var before = Quantizer.QuantizeVector(values, new QuantizerOptions(QuantMethod.Alternating, bits, Cycles: 1));
        var after = Quantizer.QuantizeVector(values, new QuantizerOptions(QuantMethod.Alternating, bits, Cycles: 2));
        var expected = Reference.LeastSquares(Reference.Codes(before, 0), values);
        for (int i = 0; i < bits; i++) Assert.Equal(expected[i], after.Coefficients[i], 1e-4);
    }

    [Fact]
    public void Alternating_never_increases_the_error_from_one_cycle_to_the_next()
    {
        var random = new Random(77);
        for (int trial = 0; trial < 150; trial++)
        {
            int bits = 1 + trial % 5;
            int cols = random.Next(2, 300);
            var values = TestData.Gaussian(cols, seed: 1000 + trial, sigma: 0.1 + random.NextDouble());
            double tolerance = 1e-6 * Reference.SquaredNorm(values);
            double previous = Reference.SquaredError(values, Quantizer.QuantizeVector(values, new QuantizerOptions(QuantMethod.Refined, bits)), 0);
            for (int cycles = 1; cycles <= 5; cycles++)
            {
                var tensor = Quantizer.QuantizeVector(values, new QuantizerOptions(QuantMethod.Alternating, bits, cycles));
                double error = Reference.SquaredError(values, tensor, 0);
                Assert.True(error <= previous + tolerance, $"trial {trial}, k={bits}, n={cols}: cycle {cycles} error {error} after {previous}");
                previous = error;
            }
        }
    }

    [Fact]
    public void Alternating_with_more_codes_than_columns_stays_finite_and_exact()
    {
        var tensor = Quantizer.QuantizeVector([0.3f, -1.7f], new QuantizerOptions(QuantMethod.Alternating, 6));
        Assert.All(tensor.Coefficients, a => Assert.True(float.IsFinite(a)));
        Assert.Equal(0.3f, tensor.Value(0, 0), 5);
        Assert.Equal(-1.7f, tensor.Value(0, 1), 5);
    }
}
