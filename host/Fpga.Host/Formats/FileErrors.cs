using Fpga.Host.Diagnostics;

namespace Fpga.Host.Formats;

/// <summary>The one wording of user-facing file errors: the file first, then the tensor, then the problem.</summary>
public static class FileErrors
{
    public static FpgaException Tensor(string file, string tensor, string problem, Exception? inner = null) =>
        new($"{file}: tensor '{tensor}': {problem}", inner);

    public static FpgaException File(string file, string problem, Exception? inner = null) =>
        new($"{file}: {problem}", inner);
}
