namespace Fpga.Host.Models;

/// <summary>
/// The order in which a framework stacks the four gate blocks of H rows each in its 4H-row
/// weight matrices and bias vectors. This is the one place that knows the orders; every importer
/// converts with <see cref="ToCanonical"/> and everything after import sees <see cref="Canonical"/>.
/// </summary>
public sealed class LstmGateOrder
{
    private LstmGateOrder(string name, params LstmGate[] gates)
    {
        Name = name;
        Gates = gates;
    }

    /// <summary>PyTorch nn.LSTM: i, f, g, o.</summary>
    public static LstmGateOrder PyTorch { get; } = new("i,f,g,o", LstmGate.Input, LstmGate.Forget, LstmGate.Cell, LstmGate.Output);

    /// <summary>Keras LSTM kernels (columns): i, f, c, o; the same blocks as PyTorch under another letter.</summary>
    public static LstmGateOrder Keras { get; } = new("i,f,c,o", LstmGate.Input, LstmGate.Forget, LstmGate.Cell, LstmGate.Output);

    /// <summary>ONNX LSTM operator: i, o, f, c.</summary>
    public static LstmGateOrder Onnx { get; } = new("i,o,f,c", LstmGate.Input, LstmGate.Output, LstmGate.Forget, LstmGate.Cell);

    /// <summary>The toolchain's internal order, PyTorch's: models, the forward pass and quantized files all use it.</summary>
    public static LstmGateOrder Canonical => PyTorch;

    /// <summary>The letters as written in files' metadata, e.g. "i,f,g,o".</summary>
    public string Name { get; }

    public IReadOnlyList<LstmGate> Gates { get; }

    public int BlockOf(LstmGate gate) => Array.IndexOf((LstmGate[])Gates, gate);

    /// <summary>
    /// Reorders the gate blocks of a row-major [4H, cols] matrix (cols = 1 for a bias) from this
    /// order to <see cref="Canonical"/>.
    /// </summary>
    public float[] ToCanonical(ReadOnlySpan<float> rows, int hiddenSize, int cols) => Reorder(rows, hiddenSize, cols, this, Canonical);

    /// <summary>The inverse of <see cref="ToCanonical"/>, for writing files in this order.</summary>
    public float[] FromCanonical(ReadOnlySpan<float> rows, int hiddenSize, int cols) => Reorder(rows, hiddenSize, cols, Canonical, this);

    public override string ToString() => Name;

    private static float[] Reorder(ReadOnlySpan<float> rows, int hiddenSize, int cols, LstmGateOrder from, LstmGateOrder to)
    {
        int block = hiddenSize * cols;
        if (rows.Length != 4 * block)
            throw new ArgumentException($"expected 4 gate blocks of {hiddenSize}x{cols} ({4 * block} values), got {rows.Length}", nameof(rows));
        var result = new float[rows.Length];
        for (int target = 0; target < 4; target++)
        {
            int source = from.BlockOf(to.Gates[target]);
            rows.Slice(source * block, block).CopyTo(result.AsSpan(target * block, block));
        }
        return result;
    }
}
