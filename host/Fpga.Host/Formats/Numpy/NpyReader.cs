using System.Buffers.Binary;

namespace Fpga.Host.Formats.Numpy;

/// <summary>
/// Reads .npy arrays (format versions 1.0, 2.0 and 3.0). Fortran-ordered arrays are transposed
/// into C order so every caller sees row-major data.
/// </summary>
public static class NpyReader
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads a file; the tensor is named after the file name without its extension.</summary>
    public static TensorData Read(string path) => Parse(FileInput.ReadAllBytes(path), path, Path.GetFileNameWithoutExtension(path));

    public static TensorData Parse(ReadOnlySpan<byte> file, string source, string tensorName)
    {
        if (file.Length < 10 || !file[..6].SequenceEqual(Magic))
            throw FileErrors.Tensor(source, tensorName, "not a .npy array (missing the \\x93NUMPY magic)");
        byte major = file[6];
        int headerLength;
        int headerStart;
        switch (major)
        {
            case 1:
                headerLength = BinaryPrimitives.ReadUInt16LittleEndian(file[8..]);
                headerStart = 10;
                break;
            case 2 or 3:
                if (file.Length < 12) throw FileErrors.Tensor(source, tensorName, "truncated .npy header");
                uint length = BinaryPrimitives.ReadUInt32LittleEndian(file[8..]);
                headerLength = length > int.MaxValue ? int.MaxValue : (int)length;
                headerStart = 12;
                break;
            default:
                throw FileErrors.Tensor(source, tensorName, $"unsupported .npy format version {major}.{file[7]}");
        }
        if ((long)headerStart + headerLength > file.Length)
            throw FileErrors.Tensor(source, tensorName, $".npy header length {headerLength} runs past the end of the {file.Length}-byte file (truncated?)");

        var header = NpyHeader.Parse(NpyHeader.Decode(file.Slice(headerStart, headerLength), utf8: major == 3), $"{source}: tensor '{tensorName}'");
        var dtype = NpyDTypes.Parse(header.Descr, source, tensorName);
        long count = TensorShape.ElementCount(header.Shape);
        if (count < 0) throw FileErrors.Tensor(source, tensorName, $"shape {TensorShape.Format(header.Shape)} is too large");
        long expected = count * dtype.ElementSize();
        var data = file[(headerStart + headerLength)..];
        if (data.Length < expected)
            throw FileErrors.Tensor(source, tensorName, $"{header.Descr} {TensorShape.Format(header.Shape)} needs {expected} data bytes but the file holds {data.Length} (truncated?)");
        if (data.Length > expected)
            throw FileErrors.Tensor(source, tensorName, $"{data.Length - expected} bytes of unexpected data after the {TensorShape.Format(header.Shape)} array");

        byte[] bytes = data.ToArray();
        if (dtype == TensorDType.Bool && bytes.Any(b => b > 1))
            throw FileErrors.Tensor(source, tensorName, "bool array holds bytes other than 0 and 1");
        if (header.FortranOrder && header.Shape.Length > 1)
        {
            // Column-major data is the C-order array of the reversed shape; reversing the axes back transposes it.
            var reversed = header.Shape.Reverse().ToArray();
            var perm = Enumerable.Range(0, reversed.Length).Reverse().ToArray();
            bytes = TensorShape.Transpose(bytes, reversed, perm, dtype.ElementSize());
        }
        return new TensorData(tensorName, dtype, header.Shape, bytes);
    }
}
