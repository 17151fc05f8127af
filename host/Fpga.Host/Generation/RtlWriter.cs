using Fpga.Gen.Emit;
using Fpga.Host.Diagnostics;

namespace Fpga.Host.Generation;

/// <summary>
/// Writes generated files into a directory so that a failure never leaves a half-written
/// set: everything goes to a temporary sibling directory first, then each file is moved in.
/// </summary>
public static class RtlWriter
{
    public static IReadOnlyList<string> Write(string directory, IEnumerable<EmittedFile> files)
    {
        var target = Path.GetFullPath(directory);
        var parent = Path.GetDirectoryName(target) ?? throw new FpgaException($"cannot write into '{directory}'");
        try
        {
            Directory.CreateDirectory(parent);
            var staging = Path.Combine(parent, $".{Path.GetFileName(target)}.staging-{Environment.ProcessId}");
            Directory.CreateDirectory(staging);
            var written = new List<string>();
            try
            {
                foreach (var file in files) file.WriteTo(staging);
                Directory.CreateDirectory(target);
                foreach (var path in Directory.GetFiles(staging).Order(StringComparer.Ordinal))
                {
                    var destination = Path.Combine(target, Path.GetFileName(path));
                    File.Move(path, destination, overwrite: true);
                    written.Add(destination);
                }
            }
            finally
            {
                Directory.Delete(staging, recursive: true);
            }
            return written;
        }
        catch (IOException e)
        {
            throw new FpgaException($"cannot write RTL into '{directory}': {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new FpgaException($"cannot write RTL into '{directory}': {e.Message}", e);
        }
    }
}
