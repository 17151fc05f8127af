using Fpga.Host.Diagnostics;

namespace Fpga.Host.Models;

/// <summary>A file shipped in the repository (host/models/...), found from the working directory or from the program's own location.</summary>
public static class RepositoryFile
{
    public static string Find(string relative)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, relative);
                if (File.Exists(candidate)) return Path.GetRelativePath(Directory.GetCurrentDirectory(), candidate);
            }
        }
        throw new FpgaException($"{relative} not found above the working directory nor the program: run from the repository, or name the file with its option");
    }
}
