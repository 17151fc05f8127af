using System.Buffers.Binary;
using System.IO.Compression;
using Fpga.Host.Diagnostics;

namespace Fpga.Host.Datasets;

/// <summary>
/// Reads an unsigned-byte IDX file (the MNIST format: magic 0x00000803 for [n, rows, cols] images,
/// 0x00000801 for [n] labels, big-endian dimensions, then the bytes), gzipped or not.
/// </summary>
public static class IdxFile
{
    private const byte UnsignedByteType = 0x08;

    public static (int[] Shape, byte[] Data) Read(string path)
    {
        if (!File.Exists(path)) throw new FpgaException($"{path}: no such file");
        using var file = File.OpenRead(path);
        Stream stream = IsGzip(file) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using (stream)
        {
            return Parse(stream, path);
        }
    }

    public static (int[] Shape, byte[] Data) Parse(Stream stream, string source)
    {
        Span<byte> magic = stackalloc byte[4];
        if (!TryFill(stream, magic)) throw new FpgaException($"{source}: too short for an IDX header");
        if (magic[0] != 0 || magic[1] != 0) throw new FpgaException($"{source}: not an IDX file (the magic number must start with two zero bytes)");
        if (magic[2] != UnsignedByteType) throw new FpgaException($"{source}: IDX element type 0x{magic[2]:x2} is not supported (only unsigned bytes, 0x08)");
        int rank = magic[3];
        if (rank is < 1 or > 4) throw new FpgaException($"{source}: IDX rank {rank} is not supported (1 to 4)");
        var shape = new int[rank];
        Span<byte> dim = stackalloc byte[4];
        long count = 1;
        for (int d = 0; d < rank; d++)
        {
            if (!TryFill(stream, dim)) throw new FpgaException($"{source}: the IDX header ends inside dimension {d}");
            uint size = BinaryPrimitives.ReadUInt32BigEndian(dim);
            if (size == 0 || size > int.MaxValue) throw new FpgaException($"{source}: IDX dimension {d} is {size}");
            shape[d] = (int)size;
            count *= size;
        }
        if (count > Array.MaxLength) throw new FpgaException($"{source}: {count} IDX elements are too many to load");
        var data = new byte[count];
        if (!TryFill(stream, data)) throw new FpgaException($"{source}: truncated; the header promises {count} bytes of data");
        if (stream.ReadByte() >= 0) throw new FpgaException($"{source}: has bytes past the {count} the header promises");
        return (shape, data);
    }

    private static bool IsGzip(FileStream file)
    {
        Span<byte> head = stackalloc byte[2];
        int read = file.Read(head);
        file.Position = 0;
        return read == 2 && head[0] == 0x1f && head[1] == 0x8b;
    }

    private static bool TryFill(Stream stream, Span<byte> buffer)
    {
        try
        {
            stream.ReadExactly(buffer);
            return true;
        }
        catch (EndOfStreamException)
        {
            return false;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}
