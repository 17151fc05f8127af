using Fpga.Host.Golden;

namespace Fpga.Host.Cpu;

/// <summary>
/// A weight matrix of the model image laid out for streaming: layout [row][chunk][plane][8 words],
/// 64-byte aligned, so a row's kw planes arrive interleaved chunk by chunk in the order the
/// kernels read them and each weight word is loaded from memory once for all ka activation
/// planes. Integer coefficients are the image's, with their per-row sums.
/// </summary>
public sealed unsafe class PackedMatrix
{
    private readonly AlignedWords _words;

    public PackedMatrix(ImageMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        Rows = matrix.Rows;
        Cols = matrix.Cols;
        Codes = matrix.Codes;
        Chunks = PackedLayout.ChunksFor(Cols);
        RowStride = Chunks * Codes * PackedLayout.WordsPerChunk;
        _words = new AlignedWords(checked(Rows * RowStride));
        var words = _words.Span;
        for (int r = 0; r < Rows; r++)
        {
            for (int c = 0; c < Chunks; c++)
            {
                for (int i = 0; i < Codes; i++)
                {
                    PackedLayout.CopyPlaneWord(matrix.Plane(r, i), c, words.Slice(WordIndex(r, c, i), PackedLayout.WordsPerChunk));
                }
            }
        }
        Coefficients = (long[])matrix.Coefficients.Clone();
        CoefficientSums = new long[Rows];
        for (int r = 0; r < Rows; r++)
        {
            for (int i = 0; i < Codes; i++) CoefficientSums[r] += Coefficients[r * Codes + i];
        }
    }

    public int Rows { get; }
    public int Cols { get; }
    public int Codes { get; }
    public int Chunks { get; }

    /// <summary>Words from one row to the next.</summary>
    public int RowStride { get; }

    /// <summary>A[r][i], layout [row][plane].</summary>
    internal long[] Coefficients { get; }

    /// <summary>sum_i A[r][i]: with it a row's n * sum A * sum G term costs one multiply.</summary>
    internal long[] CoefficientSums { get; }

    internal ulong* Pointer => _words.Pointer;

    internal ReadOnlySpan<ulong> Words => _words.Span;

    /// <summary>Bytes the engine streams and keeps: packed planes (padding included) and 32-bit coefficients as the chip stores them.</summary>
    public long Bytes => (long)_words.Length * sizeof(ulong) + (long)Coefficients.Length * sizeof(int);

    internal int WordIndex(int row, int chunk, int plane) => ((row * Chunks + chunk) * Codes + plane) * PackedLayout.WordsPerChunk;
}
