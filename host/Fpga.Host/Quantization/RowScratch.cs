namespace Fpga.Host.Quantization;

/// <summary>
/// Working memory of the row kernels, one per thread and reused across calls so that
/// quantizing an activation vector allocates nothing beyond its result.
/// </summary>
internal sealed class RowScratch
{
    [ThreadStatic] private static RowScratch? t_current;

    private float[] _residual = new float[1024];
    private ulong[] _previousPlanes = new ulong[QuantizedTensor.MaxCodes * 16];

    public static RowScratch ForCurrentThread() => t_current ??= new RowScratch();

    public LevelTree Tree { get; } = new();

    /// <summary>k x k Gram matrix B^T B, row-major.</summary>
    public double[] Gram { get; } = new double[QuantizedTensor.MaxCodes * QuantizedTensor.MaxCodes];

    /// <summary>B^T w.</summary>
    public double[] Correlation { get; } = new double[QuantizedTensor.MaxCodes];

    public Span<float> Residual(int length)
    {
        if (_residual.Length < length) _residual = new float[length];
        return _residual.AsSpan(0, length);
    }

    public Span<ulong> PreviousPlanes(int length)
    {
        if (_previousPlanes.Length < length) _previousPlanes = new ulong[length];
        return _previousPlanes.AsSpan(0, length);
    }

    public Span<double> GramFor(int codes) => Gram.AsSpan(0, codes * codes);

    public Span<double> CorrelationFor(int codes) => Correlation.AsSpan(0, codes);
}
