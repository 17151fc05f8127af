using Fpga.Host.Quantization;

namespace Fpga.Host.Tests.Quantization;

public class LeastSquaresCoefficientsTests
{
    [Fact]
    public void Two_by_two_system_by_hand()
    {
        var a = new float[2];
        LeastSquaresCoefficients.Solve([3, -1, -1, 3], [7, 1], a);
        Assert.Equal([2.75f, 1.25f], a);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(8)]
    public void Solution_matches_gaussian_elimination_of_the_normal_equations(int k)
    {
        const int n = 200;
        var random = new Random(k);
        var w = TestData.Gaussian(n, seed: 90 + k);
        var b = new double[n, k];
        for (int c = 0; c < n; c++)
            for (int i = 0; i < k; i++) b[c, i] = random.Next(2) == 0 ? -1 : 1;
        var (gram, correlation) = NormalSides(b, w);
        var a = new float[k];
        LeastSquaresCoefficients.Solve(gram, correlation, a);
        var expected = Reference.LeastSquares(b, w);
        for (int i = 0; i < k; i++) Assert.Equal(expected[i], a[i], 1e-5);
    }

    [Fact]
    public void Duplicate_and_negated_columns_still_give_a_least_squares_solution()
    {
        const int n = 50;
        var random = new Random(5);
        var w = TestData.Gaussian(n, seed: 95);
        var b = new double[n, 4];
        for (int c = 0; c < n; c++)
        {
            b[c, 0] = random.Next(2) == 0 ? -1 : 1;
            b[c, 1] = -b[c, 0];
            b[c, 2] = random.Next(2) == 0 ? -1 : 1;
            b[c, 3] = b[c, 2];
        }
        var (gram, correlation) = NormalSides(b, w);
        var a = new float[4];
        LeastSquaresCoefficients.Solve(gram, correlation, a);
        Assert.All(a, x => Assert.True(float.IsFinite(x)));
        Assert.Equal(0f, a[1]);
        Assert.Equal(0f, a[3]);
        Assert.All(Reference.NormalResidual(b, w, a), g => Assert.True(Math.Abs(g) < 1e-4, $"gradient {g}"));
    }

    [Fact]
    public void Column_differing_from_another_in_one_place_is_kept_and_solved_exactly()
    {
        // Independent but barely: its pivot is 4 against a diagonal of 1000.
        const int n = 1000;
        var random = new Random(6);
        var w = TestData.Gaussian(n, seed: 96);
        var b = new double[n, 2];
        for (int c = 0; c < n; c++) b[c, 0] = b[c, 1] = random.Next(2) == 0 ? -1 : 1;
        b[17, 1] = -b[17, 0];
        var (gram, correlation) = NormalSides(b, w);
        var a = new float[2];
        LeastSquaresCoefficients.Solve(gram, correlation, a);
        var expected = Reference.LeastSquares(b, w);
        Assert.Equal(expected[0], a[0], 1e-4);
        Assert.Equal(expected[1], a[1], 1e-4);
        Assert.NotEqual(0f, a[1]);
    }

    [Fact]
    public void All_zero_gram_gives_zero_coefficients()
    {
        var a = new float[] { 9f, 9f };
        LeastSquaresCoefficients.Solve(new double[4], new double[2], a);
        Assert.Equal([0f, 0f], a);
    }

    private static (double[] Gram, double[] Correlation) NormalSides(double[,] b, float[] w)
    {
        int n = b.GetLength(0), k = b.GetLength(1);
        var gram = new double[k * k];
        var correlation = new double[k];
        for (int c = 0; c < n; c++)
            for (int i = 0; i < k; i++)
            {
                correlation[i] += b[c, i] * w[c];
                for (int j = 0; j < k; j++) gram[i * k + j] += b[c, i] * b[c, j];
            }
        return (gram, correlation);
    }
}
