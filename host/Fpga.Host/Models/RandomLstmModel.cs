namespace Fpga.Host.Models;

/// <summary>
/// Seeded random float LSTMs and inputs for measurements and tests: weights and biases uniform
/// in +-1/sqrt(H) (PyTorch's nn.LSTM initialization), inputs standard normal.
/// </summary>
public static class RandomLstmModel
{
    public static LstmModel Create(int inputSize, int hiddenSize, int layers, int denseOutputs, int seed)
    {
        var random = new Random(seed);
        float bound = 1f / MathF.Sqrt(hiddenSize);
        float[] Uniform(int count) => Enumerable.Range(0, count).Select(_ => (float)((2 * random.NextDouble() - 1) * bound)).ToArray();
        var stack = Enumerable.Range(0, layers).Select(l =>
        {
            int inputs = l == 0 ? inputSize : hiddenSize;
            return new LstmLayer(inputs, hiddenSize, Uniform(4 * hiddenSize * inputs), Uniform(4 * hiddenSize * hiddenSize), Uniform(4 * hiddenSize), Uniform(4 * hiddenSize));
        }).ToArray();
        var dense = denseOutputs > 0 ? new DenseLayer(denseOutputs, hiddenSize, Uniform(denseOutputs * hiddenSize), Uniform(denseOutputs)) : null;
        return new LstmModel(stack, null, dense);
    }

    /// <summary>[batch, steps, features] standard normal values (Box-Muller).</summary>
    public static LstmSequenceBatch Inputs(int batch, int steps, int features, int seed)
    {
        var random = new Random(seed);
        var values = new float[batch * steps * features];
        for (int i = 0; i < values.Length; i++)
        {
            double u = 1.0 - random.NextDouble(), v = random.NextDouble();
            values[i] = (float)(Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v));
        }
        return LstmSequenceBatch.FromFeatures(values, batch, steps, features);
    }
}
