using Fpga.Host.Training;

namespace Fpga.Host.Tests.Training;

public sealed class BlasTests
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void ProductsMatchTheDefinitionInEveryTransposeCombination(bool transposeA, bool transposeB)
    {
        const int m = 5, n = 7, k = 3;
        var random = new Random(2);
        var a = Enumerable.Range(0, m * k).Select(_ => random.NextSingle() - 0.5f).ToArray();
        var b = Enumerable.Range(0, k * n).Select(_ => random.NextSingle() - 0.5f).ToArray();
        var c = Enumerable.Range(0, m * n).Select(_ => random.NextSingle()).ToArray();
        var expected = new float[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int l = 0; l < k; l++) sum += (transposeA ? a[l * m + i] : a[i * k + l]) * (transposeB ? b[j * k + l] : b[l * n + j]);
                expected[i * n + j] = (float)(sum + 0.5 * c[i * n + j]);
            }
        }
        Blas.Gemm(a, transposeA, b, transposeB, c, m, n, k, beta: 0.5f);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], c[i], 5);
    }

    [Fact]
    public void RejectsOperandsTooShortForTheProduct()
    {
        Assert.Throws<ArgumentException>(() => Blas.Gemm(new float[5], false, new float[6], false, new float[6], 2, 3, 3));
    }
}
