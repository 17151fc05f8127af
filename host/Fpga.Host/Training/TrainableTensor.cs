namespace Fpga.Host.Training;

/// <summary>A parameter being trained: its values and the gradient the last backward pass accumulated.</summary>
public sealed class TrainableTensor
{
    public TrainableTensor(string name, int[] shape, float[] value)
    {
        long count = shape.Aggregate(1L, (p, d) => p * d);
        if (value.Length != count) throw new ArgumentException($"{name}: shape [{string.Join(", ", shape)}] needs {count} values, got {value.Length}", nameof(value));
        Name = name;
        Shape = shape;
        Value = value;
        Gradient = new float[value.Length];
    }

    /// <summary>The PyTorch state-dict name (e.g. "lstm.weight_ih_l0").</summary>
    public string Name { get; }
    public int[] Shape { get; }
    public float[] Value { get; }
    public float[] Gradient { get; }

    /// <summary>Weight matrices are quantized; biases and embeddings are not (see ModelQuantizer).</summary>
    public bool IsQuantizedMatrix { get; init; }

    public int Rows => Shape[0];
    public int Cols => Shape.Length > 1 ? Shape[1] : 1;
}
