using Fpga.Host.Models;

namespace Fpga.Host.Tests.Support;

/// <summary>Files shipped in host/models/.</summary>
internal static class ShippedFiles
{
    public static string Path(string name) => RepositoryFile.Find($"host/models/{name}");
}
