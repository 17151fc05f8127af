namespace Fpga.Host.Quantization;

/// <summary>
/// The slice of a <see cref="QuantizedTensor"/>'s arrays that one row's kernel writes:
/// its k planes (contiguous, [plane][word]), its k coefficients and its offset.
/// </summary>
internal readonly ref struct QuantizedRow
{
    private readonly ref float _offset;

    public QuantizedRow(Span<ulong> planes, Span<float> coefficients, ref float offset, int cols)
    {
        WordsPerPlane = BitPlanes.WordsFor(cols);
        if (planes.Length != coefficients.Length * WordsPerPlane)
            throw new ArgumentException($"expected {coefficients.Length * WordsPerPlane} plane words, got {planes.Length}", nameof(planes));
        Planes = planes;
        Coefficients = coefficients;
        Cols = cols;
        _offset = ref offset;
    }

    public Span<ulong> Planes { get; }
    public Span<float> Coefficients { get; }
    public int Cols { get; }
    public int WordsPerPlane { get; }
    public int Codes => Coefficients.Length;
    public ref float Offset => ref _offset;

    public Span<ulong> Plane(int plane) => Planes.Slice(plane * WordsPerPlane, WordsPerPlane);
}
