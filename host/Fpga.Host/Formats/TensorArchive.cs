using Fpga.Host.Diagnostics;

namespace Fpga.Host.Formats;

/// <summary>
/// The named tensors of one file, in file order, with the file's string metadata. Source is the
/// path (or a description) that error messages name.
/// </summary>
public sealed class TensorArchive
{
    private readonly Dictionary<string, TensorData> _byName = new(StringComparer.Ordinal);

    public TensorArchive(string source, IEnumerable<TensorData> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        Source = source;
        var list = new List<TensorData>();
        foreach (var tensor in tensors)
        {
            if (!_byName.TryAdd(tensor.Name, tensor))
                throw new ArgumentException($"{source}: tensor '{tensor.Name}' appears twice", nameof(tensors));
            list.Add(tensor);
        }
        Tensors = list;
        Metadata = new Dictionary<string, string>(metadata ?? new Dictionary<string, string>(), StringComparer.Ordinal);
    }

    public string Source { get; }
    public IReadOnlyList<TensorData> Tensors { get; }
    public IReadOnlyDictionary<string, string> Metadata { get; }

    public TensorData? Find(string name) => _byName.GetValueOrDefault(name);

    public TensorData Require(string name) =>
        Find(name) ?? throw new FpgaException($"{Source}: missing tensor '{name}'");
}
