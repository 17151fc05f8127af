namespace Fpga.Sim.Tools;

/// <summary>
/// Where the external simulators are. Each property is a command: a bare name is looked up on
/// PATH, anything containing a directory separator is taken as a file path. Tests point a
/// command at a nonexistent file to check the missing-tool message.
/// </summary>
public sealed record ToolLocator(string Verilator = "verilator", string Iverilog = "iverilog", string Vvp = "vvp")
{
    public static ToolLocator Default { get; } = new();

    public const string InstallHint = "install with: make setup";

    public string ResolveVerilator() => Resolve(Verilator, "Verilator");

    public string ResolveIverilog() => Resolve(Iverilog, "Icarus Verilog (iverilog)");

    public string ResolveVvp() => Resolve(Vvp, "Icarus Verilog runtime (vvp)");

    /// <summary>The full path of <paramref name="command"/>, or a <see cref="SimulationException"/> naming the tool.</summary>
    public static string Resolve(string command, string toolName)
    {
        if (string.IsNullOrWhiteSpace(command))
        {
            throw new SimulationException($"{toolName}: no command configured; {InstallHint}");
        }
        if (command.Contains(Path.DirectorySeparatorChar) || command.Contains(Path.AltDirectorySeparatorChar))
        {
            return IsExecutableFile(command)
                ? Path.GetFullPath(command)
                : throw new SimulationException($"{toolName} not found: '{command}' is not an executable file; {InstallHint}");
        }
        var searchPath = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var directory in searchPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, command);
            if (IsExecutableFile(candidate))
            {
                return candidate;
            }
        }
        throw new SimulationException($"{toolName} not found: '{command}' is not on PATH; {InstallHint}");
    }

    private static bool IsExecutableFile(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }
        if (OperatingSystem.IsWindows())
        {
            return true;
        }
        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(path) & anyExecute) != 0;
    }
}
