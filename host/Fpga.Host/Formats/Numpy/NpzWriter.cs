using System.IO.Compression;

namespace Fpga.Host.Formats.Numpy;

/// <summary>Writes .npz archives, stored like numpy.savez or deflated like numpy.savez_compressed.</summary>
public static class NpzWriter
{
    public static void Write(string path, IEnumerable<TensorData> tensors, bool compress = false) =>
        AtomicFile.Write(path, stream => WriteTo(stream, tensors, compress));

    public static void WriteTo(Stream stream, IEnumerable<TensorData> tensors, bool compress = false)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var tensor in tensors)
        {
            var entry = zip.CreateEntry(tensor.Name + ".npy", compress ? CompressionLevel.Optimal : CompressionLevel.NoCompression);
            // A fixed timestamp keeps archives byte-identical from run to run.
            entry.LastWriteTime = new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
            using var entryStream = entry.Open();
            NpyWriter.WriteTo(entryStream, tensor);
        }
    }
}
