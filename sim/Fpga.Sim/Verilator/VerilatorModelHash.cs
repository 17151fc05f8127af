using System.Security.Cryptography;
using System.Text;

namespace Fpga.Sim.Verilator;

/// <summary>
/// The cache key of a model: SHA-256 over the recipe (flags, top, file names), the contents of
/// every source and harness file, and the Verilator version. Every field is length-prefixed so no
/// two different inputs serialise alike.
/// </summary>
internal static class VerilatorModelHash
{
    private const string SchemaTag = "fpga-sim-verilator-model/1";

    /// <summary>32 hex digits (128 bits): short enough for paths, far beyond accidental collision.</summary>
    public static string Compute(VerilatorModelOptions options, VerilatorBuildRecipe recipe, HarnessSources harness, string verilatorVersion)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        AppendText(hash, SchemaTag);
        AppendText(hash, verilatorVersion);
        AppendText(hash, options.TopModule);
        AppendList(hash, recipe.Arguments);
        AppendText(hash, recipe.PortConfig ?? "");
        AppendText(hash, recipe.HarnessUnity);
        for (var i = 0; i < options.Sources.Count; i++)
        {
            AppendText(hash, recipe.SourceNames[i]);
            AppendFile(hash, options.Sources[i]);
        }
        foreach (var file in harness.Files)
        {
            AppendText(hash, file);
            AppendFile(hash, Path.Combine(harness.Directory, file));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset().AsSpan(0, 16));
    }

    private static void AppendList(IncrementalHash hash, IReadOnlyList<string> items)
    {
        AppendLength(hash, items.Count);
        foreach (var item in items)
        {
            AppendText(hash, item);
        }
    }

    private static void AppendText(IncrementalHash hash, string text) => AppendBytes(hash, Encoding.UTF8.GetBytes(text));

    private static void AppendFile(IncrementalHash hash, string path)
    {
        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SimulationException($"cannot read '{path}': {e.Message}", e);
        }
        AppendBytes(hash, content);
    }

    private static void AppendBytes(IncrementalHash hash, byte[] bytes)
    {
        AppendLength(hash, bytes.Length);
        hash.AppendData(bytes);
    }

    private static void AppendLength(IncrementalHash hash, long length)
    {
        Span<byte> buffer = stackalloc byte[sizeof(long)];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(buffer, length);
        hash.AppendData(buffer);
    }
}
