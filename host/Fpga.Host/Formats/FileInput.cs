namespace Fpga.Host.Formats;

/// <summary>Reads whole input files, turning I/O failures into one-line user errors.</summary>
public static class FileInput
{
    public static byte[] ReadAllBytes(string path)
    {
        try
        {
            return System.IO.File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw FileErrors.File(path, $"cannot read: {e.Message}", e);
        }
    }
}
