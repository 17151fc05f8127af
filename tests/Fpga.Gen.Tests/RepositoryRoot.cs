namespace Fpga.Gen.Tests;

/// <summary>The checkout the tests run in, for tests that compare committed files with what the generator makes.</summary>
internal static class RepositoryRoot
{
    public static string Path
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "Fpga.sln"))) directory = directory.Parent;
            return directory?.FullName ?? throw new InvalidOperationException("the tests run outside the repository");
        }
    }
}
