namespace Fpga.Host.Quantization;

/// <summary>
/// Working memory of the row kernels, one per thread and reused across calls so that
/// quantizing an activation vector allocates nothing beyond its result.
/// </summary>
internal sealed class RowScratch
{
    [ThreadStatic] private static RowScratch? t_current;

    private readonly double[] _gram = new double[QuantizedTensor.MaxCodes * QuantizedTensor.MaxCodes];
    private readonly double[] _correlation = new double[QuantizedTensor.MaxCodes];
    private float[] _residual = new float[1024];
    private ulong[] _previousPlanes = new ulong[QuantizedTensor.MaxCodes * 16];

    public static RowScratch ForCurrentThread() => t_current ??= new RowScratch();

    public LevelTree Tree { get; } = new();

    /// <summary>k x k Gram matrix B^T B, row-major.</summary>
    public Span<double> GramFor(int codes) => _gram.AsSpan(0, codes * codes);

    /// <summary>B^T w.</summary>
    public Span<double> CorrelationFor(int codes) => _correlation.AsSpan(0, codes);

    /// <summary>The greedy residual; grows to the longest row seen on this thread.</summary>
    public Span<float> Residual(int length)
    {
        if (_residual.Length < length) _residual = new float[length];
        return _residual.AsSpan(0, length);
    }

    /// <summary>Last round's planes, to tell when a scale fit has stopped changing codes.</summary>
    public Span<ulong> PreviousPlanes(int length)
    {
        if (_previousPlanes.Length < length) _previousPlanes = new ulong[length];
        return _previousPlanes.AsSpan(0, length);
    }
}
