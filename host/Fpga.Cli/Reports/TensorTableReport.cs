using System.Globalization;
using Fpga.Host.Formats;

namespace Fpga.Cli.Reports;

/// <summary>The tensor listing and metadata section of `fpga inspect`.</summary>
public static class TensorTableReport
{
    public static void Write(TextWriter output, TensorArchive archive)
    {
        long total = archive.Tensors.Sum(t => t.Bytes.LongLength);
        output.WriteLine($"tensors: {archive.Tensors.Count}, {Bytes(total)}");
        int nameWidth = Math.Max(4, archive.Tensors.Select(t => t.Name.Length).DefaultIfEmpty(0).Max());
        int shapeWidth = Math.Max(5, archive.Tensors.Select(t => t.ShapeText.Length).DefaultIfEmpty(0).Max());
        output.WriteLine($"  {"name".PadRight(nameWidth)}  {"dtype",-5}  {"shape".PadRight(shapeWidth)}  bytes");
        foreach (var tensor in archive.Tensors)
        {
            output.WriteLine($"  {tensor.Name.PadRight(nameWidth)}  {tensor.DType.SafetensorsName(),-5}  {tensor.ShapeText.PadRight(shapeWidth)}  {tensor.Bytes.LongLength.ToString(CultureInfo.InvariantCulture)}");
        }
        if (archive.Metadata.Count == 0) return;
        output.WriteLine("metadata:");
        foreach (var (key, value) in archive.Metadata.OrderBy(m => m.Key, StringComparer.Ordinal)) output.WriteLine($"  {key}: {value}");
    }

    public static string Bytes(long bytes) => bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes";
}
