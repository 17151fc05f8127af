using Fpga.Host.Formats;

namespace Fpga.Host.Tests.Support;

public static class ReferenceAssert
{
    /// <summary>Float32 results against PyTorch's: same shape, every value within <paramref name="tolerance"/>.</summary>
    public static void Close(TensorData expected, TensorData actual, float tolerance = 2e-5f)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        Close(expected.ToFloat32(), actual.ToFloat32(), tolerance);
    }

    public static void Close(float[] expected, float[] actual, float tolerance = 2e-5f)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"element {i}: expected {expected[i]}, got {actual[i]}");
        }
    }

    /// <summary>The last step of every sequence of a [batch, steps, n] array, as [batch, n].</summary>
    public static float[] LastSteps(TensorData sequence)
    {
        int batch = sequence.Shape[0], steps = sequence.Shape[1], n = sequence.Shape[2];
        var values = sequence.ToFloat32();
        return Enumerable.Range(0, batch).SelectMany(b => values.Skip((b * steps + steps - 1) * n).Take(n)).ToArray();
    }
}
