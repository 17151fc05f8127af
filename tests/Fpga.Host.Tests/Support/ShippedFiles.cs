namespace Fpga.Host.Tests.Support;

/// <summary>Files shipped in host/models/, found from the test binaries upward.</summary>
internal static class ShippedFiles
{
    public static string Path(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = System.IO.Path.Combine(dir.FullName, "host", "models", name);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"host/models/{name} not found above the test directory");
    }
}
