namespace Fpga.Host.Quantization;

/// <summary>Word arithmetic of the packed code planes (LSB first, 64 columns per word).</summary>
internal static class BitPlanes
{
    public const int ColumnsPerWord = 64;

    public static int WordsFor(int cols) => (cols + ColumnsPerWord - 1) / ColumnsPerWord;

    public static bool Equal(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b) => a.SequenceEqual(b);
}
