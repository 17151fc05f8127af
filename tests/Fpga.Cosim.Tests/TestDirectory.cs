namespace Fpga.Cosim.Tests;

/// <summary>A fresh directory under the system temp folder, removed with the test.</summary>
public sealed class TestDirectory : IDisposable
{
    public TestDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"fpga-cosim-{Guid.NewGuid():N}");

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }
}
