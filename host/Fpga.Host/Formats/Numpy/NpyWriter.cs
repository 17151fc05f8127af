using System.Buffers.Binary;
using System.Text;

namespace Fpga.Host.Formats.Numpy;

/// <summary>Writes .npy arrays in C order, version 1.0 (2.0 when the header outgrows 64 KiB).</summary>
public static class NpyWriter
{
    public static void Write(string path, TensorData tensor) => AtomicFile.Write(path, stream => WriteTo(stream, tensor));

    public static byte[] Serialize(TensorData tensor)
    {
        using var stream = new MemoryStream();
        WriteTo(stream, tensor);
        return stream.ToArray();
    }

    public static void WriteTo(Stream stream, TensorData tensor)
    {
        var header = new NpyHeader(NpyDTypes.Descr(tensor.DType, tensor.Name), false, tensor.Shape.ToArray()).Format();
        // The whole preamble (magic, version, length, header, newline) is padded to 64 bytes, as NumPy does.
        int preamble = 10;
        int total = preamble + header.Length + 1;
        bool version2 = total + 63 > ushort.MaxValue;
        if (version2)
        {
            preamble = 12;
            total = preamble + header.Length + 1;
        }
        int padding = (64 - total % 64) % 64;
        string padded = header + new string(' ', padding) + "\n";

        stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', (byte)(version2 ? 2 : 1), 0]);
        Span<byte> length = stackalloc byte[4];
        if (version2)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)padded.Length);
            stream.Write(length);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)padded.Length);
            stream.Write(length[..2]);
        }
        stream.Write(Encoding.Latin1.GetBytes(padded));
        stream.Write(tensor.Bytes);
    }
}
