using Fpga.Host.Golden;

namespace Fpga.Host.Cpu;

/// <summary>
/// An activation vector (a step's input codes or a re-quantized hidden state) in the kernels'
/// layout [chunk][plane][x, x >> 4][8 words], 64-byte aligned, with its coefficients G[j].
/// The copy shifted right by 4 bits per 64-bit word holds each byte's high nibble in its low
/// nibble: (w >> 4) xor (x >> 4) = (w xor x) >> 4, so the AVX-512 kernel forms both nibble
/// indices of a weight-activation pair with one ternary-logic instruction each.
/// </summary>
public sealed unsafe class PackedActivations
{
    private readonly AlignedWords _words;

    public PackedActivations(int columns, int codes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(codes, 1);
        Columns = columns;
        Codes = codes;
        Chunks = PackedLayout.ChunksFor(columns);
        _words = new AlignedWords(Chunks * codes * 2 * PackedLayout.WordsPerChunk);
        Coefficients = new long[codes];
    }

    public int Columns { get; }
    public int Codes { get; }
    public int Chunks { get; }

    /// <summary>G[j] of the vector last loaded.</summary>
    internal long[] Coefficients { get; }

    internal long CoefficientSum { get; private set; }

    /// <summary>Every G[j] is 0 (the state after reset-state): every term of the product is exactly 0.</summary>
    public bool IsZero { get; private set; } = true;

    internal ulong* Pointer => _words.Pointer;

    internal ReadOnlySpan<ulong> Words => _words.Span;

    /// <summary>Replaces the contents with <paramref name="vector"/>'s codes and coefficients.</summary>
    public void Load(CodedVector vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        if (vector.Columns != Columns || vector.Codes != Codes)
            throw new ArgumentException($"expected {Columns} columns and {Codes} codes, got {vector.Columns} and {vector.Codes}", nameof(vector));
        var words = _words.Span;
        for (int c = 0; c < Chunks; c++)
        {
            for (int j = 0; j < Codes; j++)
            {
                var plain = words.Slice(WordIndex(c, j), PackedLayout.WordsPerChunk);
                PackedLayout.CopyPlaneWord(vector.Plane(j), c, plain);
                var shifted = words.Slice(WordIndex(c, j) + PackedLayout.WordsPerChunk, PackedLayout.WordsPerChunk);
                for (int w = 0; w < PackedLayout.WordsPerChunk; w++) shifted[w] = plain[w] >> 4;
            }
        }
        vector.Coefficients.CopyTo(Coefficients, 0);
        CoefficientSum = 0;
        IsZero = true;
        foreach (long g in Coefficients)
        {
            CoefficientSum += g;
            IsZero &= g == 0;
        }
    }

    /// <summary>Words from one chunk to the next.</summary>
    internal int ChunkStride => Codes * 2 * PackedLayout.WordsPerChunk;

    internal int WordIndex(int chunk, int plane) => (chunk * Codes + plane) * 2 * PackedLayout.WordsPerChunk;
}
