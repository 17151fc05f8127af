using Fpga.Host.Diagnostics;

namespace Fpga.Host.Bitstream;

/// <summary>
/// A build works in a staging directory beside its output directory. On success every file
/// moves into the output; on failure only the logs move, into &lt;output&gt;/last-failure, so a
/// failed build never replaces or half-overwrites the bitstream of the last good one.
/// </summary>
public sealed class BuildDirectory : IDisposable
{
    public const string FailureFolder = "last-failure";

    public BuildDirectory(string output)
    {
        Output = Path.GetFullPath(output);
        var parent = Path.GetDirectoryName(Output) ?? throw new FpgaException($"cannot build into '{output}'");
        Staging = Path.Combine(parent, $".{Path.GetFileName(Output)}.staging-{Environment.ProcessId}");
        try
        {
            if (Directory.Exists(Staging)) Directory.Delete(Staging, recursive: true);
            Directory.CreateDirectory(Staging);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FpgaException($"cannot build into '{output}': {e.Message}", e);
        }
    }

    public string Output { get; }
    public string Staging { get; }

    public string this[string fileName] => Path.Combine(Staging, fileName);

    public void Write(string fileName, string text) => File.WriteAllText(this[fileName], text);

    /// <summary>Moves every staged file into the output directory; returns the output path of <paramref name="fileName"/>.</summary>
    public void Commit()
    {
        Directory.CreateDirectory(Output);
        foreach (var path in Directory.GetFiles(Staging).Order(StringComparer.Ordinal))
            File.Move(path, Path.Combine(Output, Path.GetFileName(path)), overwrite: true);
    }

    /// <summary>Keeps the logs and reports of a failed build for diagnosis; returns where they went.</summary>
    public string KeepFailureLogs()
    {
        var failure = Path.Combine(Output, FailureFolder);
        if (Directory.Exists(failure)) Directory.Delete(failure, recursive: true);
        Directory.CreateDirectory(failure);
        foreach (var path in Directory.GetFiles(Staging).Where(p => p.EndsWith(".log", StringComparison.Ordinal) || p.EndsWith(".json", StringComparison.Ordinal) && p.Contains("report", StringComparison.Ordinal)))
            File.Move(path, Path.Combine(failure, Path.GetFileName(path)), overwrite: true);
        return failure;
    }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Staging)) Directory.Delete(Staging, recursive: true);
        }
        catch (IOException)
        {
            // A leftover staging directory is harmless and is replaced by the next build.
        }
    }
}
