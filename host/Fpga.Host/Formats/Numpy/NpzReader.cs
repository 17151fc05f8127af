using System.IO.Compression;

namespace Fpga.Host.Formats.Numpy;

/// <summary>Reads .npz archives (zip files of .npy arrays, stored or deflated) in archive order.</summary>
public static class NpzReader
{
    /// <summary>An entry larger than this is corruption here; the models this toolchain targets are far smaller.</summary>
    public const long MaxEntryLength = 1L << 31;

    public static TensorArchive Read(string path) => Parse(FileInput.ReadAllBytes(path), path);

    public static TensorArchive Parse(byte[] file, string source)
    {
        var tensors = new List<TensorData>();
        try
        {
            using var zip = new ZipArchive(new MemoryStream(file, writable: false), ZipArchiveMode.Read);
            foreach (var entry in zip.Entries)
            {
                if (entry.FullName.EndsWith('/')) continue;
                string name = entry.FullName.EndsWith(".npy", StringComparison.Ordinal) ? entry.FullName[..^4] : entry.FullName;
                if (!entry.FullName.EndsWith(".npy", StringComparison.Ordinal))
                    throw FileErrors.Tensor(source, name, "npz entry is not a .npy array");
                if (entry.Length > MaxEntryLength) throw FileErrors.Tensor(source, name, $"npz entry claims {entry.Length} bytes (corrupted?)");
                if (tensors.Any(t => t.Name == name)) throw FileErrors.Tensor(source, name, "appears twice in the archive");
                tensors.Add(NpyReader.Parse(ReadEntry(entry, source, name), source, name));
            }
        }
        catch (InvalidDataException e)
        {
            throw FileErrors.File(source, $"not a readable .npz (zip) archive: {e.Message}", e);
        }
        return new TensorArchive(source, tensors);
    }

    private static byte[] ReadEntry(ZipArchiveEntry entry, string source, string name)
    {
        try
        {
            using var stream = entry.Open();
            using var buffer = new MemoryStream((int)entry.Length);
            stream.CopyTo(buffer);
            return buffer.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw FileErrors.Tensor(source, name, $"npz entry is corrupted: {e.Message}", e);
        }
    }
}
