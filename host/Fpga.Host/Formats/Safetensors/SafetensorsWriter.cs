using System.Buffers.Binary;
using System.Text.Json;

namespace Fpga.Host.Formats.Safetensors;

/// <summary>
/// Writes safetensors files: tensors packed back to back in the given order, the JSON header
/// padded with spaces to a multiple of 8 bytes so the data section stays aligned.
/// </summary>
public static class SafetensorsWriter
{
    public static void Write(string path, TensorArchive archive) => AtomicFile.Write(path, stream => WriteTo(stream, archive));

    public static byte[] Serialize(TensorArchive archive)
    {
        using var stream = new MemoryStream();
        WriteTo(stream, archive);
        return stream.ToArray();
    }

    public static void WriteTo(Stream stream, TensorArchive archive)
    {
        var header = new MemoryStream();
        using (var json = new Utf8JsonWriter(header))
        {
            json.WriteStartObject();
            if (archive.Metadata.Count > 0)
            {
                json.WriteStartObject(SafetensorsReader.MetadataKey);
                foreach (var (key, value) in archive.Metadata) json.WriteString(key, value);
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (var tensor in archive.Tensors)
            {
                json.WriteStartObject(tensor.Name);
                json.WriteString("dtype", tensor.DType.SafetensorsName());
                json.WriteStartArray("shape");
                foreach (int dim in tensor.Shape) json.WriteNumberValue(dim);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + tensor.Bytes.LongLength);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += tensor.Bytes.LongLength;
            }
            json.WriteEndObject();
        }
        while (header.Length % 8 != 0) header.WriteByte((byte)' ');

        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
        stream.Write(length);
        header.Position = 0;
        header.CopyTo(stream);
        foreach (var tensor in archive.Tensors) stream.Write(tensor.Bytes);
    }
}
