using Fpga.Host.Models;
using Fpga.Host.Quantization;

namespace Fpga.Host.Tests.Support;

/// <summary>Quantized models with random (seeded) planes, coefficients and offsets; not produced by any quantizer.</summary>
public static class TestQuantizedModels
{
    public static QuantizedTensor Matrix(int rows, int cols, int codes, QuantMethod method, int seed)
    {
        var random = new Random(seed);
        int words = (cols + 63) / 64;
        var planes = new ulong[rows * codes * words];
        ulong padMask = cols % 64 == 0 ? ulong.MaxValue : (1UL << (cols % 64)) - 1;
        for (int i = 0; i < planes.Length; i++)
        {
            planes[i] = (ulong)random.NextInt64() ^ ((ulong)random.Next() << 40);
            if (i % words == words - 1) planes[i] &= padMask;
        }
        return new QuantizedTensor(rows, cols, codes, method, planes, TestTensors.Floats(rows * codes, seed + 1), TestTensors.Floats(rows, seed + 2));
    }

    /// <summary>Embedding 7x5, layers 5->70 (two plane words per row) and 70->3, dense 4x3.</summary>
    public static QuantizedModel Full()
    {
        var layers = new[]
        {
            new QuantizedLstmLayer(Matrix(280, 5, 2, QuantMethod.Ternary, 1), Matrix(280, 70, 3, QuantMethod.Greedy, 2),
                TestTensors.Floats(280, 3), TestTensors.Floats(280, 4), new ActivationQuantization(QuantMethod.Uniform, 4)),
            new QuantizedLstmLayer(Matrix(12, 70, 1, QuantMethod.Binary, 5), Matrix(12, 3, 8, QuantMethod.Int8, 6),
                TestTensors.Floats(12, 7), TestTensors.Floats(12, 8), new ActivationQuantization(QuantMethod.Binary, 1)),
        };
        return new QuantizedModel(layers,
            new EmbeddingLayer(7, 5, TestTensors.Floats(35, 9)),
            new QuantizedDenseLayer(Matrix(4, 3, 2, QuantMethod.Alternating, 10), TestTensors.Floats(4, 11), new ActivationQuantization(QuantMethod.Refined, 2)));
    }

    public static QuantizedModel Minimal() => new(
        [new QuantizedLstmLayer(Matrix(8, 3, 1, QuantMethod.BinaryConnect, 20), Matrix(8, 2, 1, QuantMethod.BinaryConnect, 21),
            new float[8], new float[8], new ActivationQuantization(QuantMethod.Binary, 1))]);
}
