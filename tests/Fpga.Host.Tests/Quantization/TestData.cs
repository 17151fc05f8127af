namespace Fpga.Host.Tests.Quantization;

/// <summary>Seeded inputs, so every test sees the same numbers on every run.</summary>
internal static class TestData
{
    public static float[] Gaussian(int count, int seed, double sigma = 1.0)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            // Box-Muller; 1 - NextDouble() keeps the logarithm's argument in (0, 1].
            double u = 1.0 - random.NextDouble(), v = random.NextDouble();
            values[i] = (float)(sigma * Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v));
        }
        return values;
    }

    public static float[] Row(float[] matrix, int row, int cols) => matrix.AsSpan(row * cols, cols).ToArray();
}
