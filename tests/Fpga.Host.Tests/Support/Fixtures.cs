namespace Fpga.Host.Tests.Support;

/// <summary>The committed PyTorch-exported fixtures (see Fixtures/make_fixtures.py).</summary>
public static class Fixtures
{
    public static string Path(string name)
    {
        string path = System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
        if (!File.Exists(path)) throw new FileNotFoundException($"fixture {name} was not copied to the test output", path);
        return path;
    }
}
