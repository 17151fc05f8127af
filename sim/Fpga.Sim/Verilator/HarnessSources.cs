namespace Fpga.Sim.Verilator;

/// <summary>The C++ harness files compiled into every model (sim/harness, shipped next to this assembly).</summary>
internal sealed class HarnessSources
{
    private HarnessSources(string directory, IReadOnlyList<string> files)
    {
        Directory = directory;
        Files = files;
    }

    public string Directory { get; }

    /// <summary>File names (no directory) of every .cpp and .h, in ordinal order so hashing is stable.</summary>
    public IReadOnlyList<string> Files { get; }

    public IEnumerable<string> CppFiles => Files.Where(file => file.EndsWith(".cpp", StringComparison.Ordinal));

    public static HarnessSources Locate(string? directory)
    {
        var root = Path.GetFullPath(directory ?? Path.Combine(AppContext.BaseDirectory, "harness"));
        if (!System.IO.Directory.Exists(root))
        {
            throw new SimulationException($"harness sources not found in '{root}': the build output should contain sim/harness; rebuild the solution");
        }
        var files = System.IO.Directory.EnumerateFiles(root)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => name.EndsWith(".cpp", StringComparison.Ordinal) || name.EndsWith(".h", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (!files.Contains("main.cpp"))
        {
            throw new SimulationException($"harness sources in '{root}' have no main.cpp; rebuild the solution");
        }
        return new HarnessSources(root, files);
    }
}
