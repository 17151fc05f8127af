using System.Runtime.CompilerServices;

namespace Fpga.Host.Cpu;

/// <summary>
/// 64-bit words starting on a 64-byte boundary, so every 512-bit chunk of a packed row is one
/// cache line and one aligned load. The array lives on the pinned object heap, so the address
/// computed once stays valid for the buffer's life.
/// </summary>
internal sealed unsafe class AlignedWords
{
    private const int AlignmentBytes = 64;
    private readonly ulong[] _array;
    private readonly int _offset;

    public AlignedWords(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _array = GC.AllocateArray<ulong>(length + AlignmentBytes / sizeof(ulong), pinned: true);
        nuint address = (nuint)Unsafe.AsPointer(ref _array[0]);
        _offset = (int)((AlignmentBytes - address % AlignmentBytes) % AlignmentBytes / sizeof(ulong));
        Length = length;
    }

    public int Length { get; }

    public Span<ulong> Span => _array.AsSpan(_offset, Length);

    public ulong* Pointer => (ulong*)Unsafe.AsPointer(ref _array[_offset]);
}
