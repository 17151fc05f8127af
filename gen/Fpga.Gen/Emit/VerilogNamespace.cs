using Fpga.Gen.Hdl;

namespace Fpga.Gen.Emit;

/// <summary>
/// The names of one module, pre-seeded with the reserved words: every claim returns a plain
/// identifier no one else in the module holds; collisions become <c>name_N</c>.
/// </summary>
public sealed class VerilogNamespace
{
    private readonly HashSet<string> _taken = new(VerilogKeywords.All, StringComparer.Ordinal);

    /// <summary>Claims a name exactly as given, or fails: ports keep their names.</summary>
    public string ClaimExact(string name)
    {
        if (!VerilogIdentifier.IsPlain(name) || !_taken.Add(name))
            throw new InvalidOperationException($"name '{name}' is reserved, taken or not a plain identifier");
        return name;
    }

    /// <summary>Claims the nearest free plain identifier to the wanted text.</summary>
    public string Claim(string wanted)
    {
        var baseName = VerilogIdentifier.Sanitize(wanted);
        if (_taken.Add(baseName)) return baseName;
        for (int n = 1; ; n++)
        {
            var candidate = $"{baseName}_{n}";
            if (_taken.Add(candidate)) return candidate;
        }
    }
}
