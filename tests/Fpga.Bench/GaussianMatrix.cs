namespace Fpga.Bench;

/// <summary>Seeded N(0, 1) values by Box-Muller, so every run measures the same matrix.</summary>
internal static class GaussianMatrix
{
    public static float[] Create(int count, int seed)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            double u = 1.0 - random.NextDouble(), v = random.NextDouble();
            values[i] = (float)(Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v));
        }
        return values;
    }
}
