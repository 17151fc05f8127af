using Fpga.Host.Formats;

namespace Fpga.Host.Tests.Support;

/// <summary>Deterministic tensors of every dtype for round-trip tests.</summary>
public static class TestTensors
{
    public static TensorData Of(TensorDType dtype, string name, params int[] shape)
    {
        var random = new Random(1234 + (int)dtype);
        long count = TensorShape.ElementCount(shape);
        var bytes = new byte[count * dtype.ElementSize()];
        random.NextBytes(bytes);
        if (dtype == TensorDType.Bool)
        {
            for (int i = 0; i < bytes.Length; i++) bytes[i] &= 1;
        }
        return new TensorData(name, dtype, shape, bytes);
    }

    public static float[] Floats(int count, int seed, float scale = 1f)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1) * scale).ToArray();
    }

    public static void Equal(TensorData expected, TensorData actual)
    {
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.DType, actual.DType);
        Assert.Equal(expected.Shape, actual.Shape);
        Assert.Equal(expected.Bytes, actual.Bytes);
    }
}
