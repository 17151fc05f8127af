using System.Buffers.Binary;
using System.Text.Json;

namespace Fpga.Host.Formats.Safetensors;

/// <summary>
/// Reads safetensors files: an 8-byte little-endian header length, a JSON header mapping tensor
/// names to dtype, shape and [begin, end) offsets into the data section that follows, and an
/// optional "__metadata__" map of strings. Everything is validated before any tensor is built.
/// </summary>
public static class SafetensorsReader
{
    /// <summary>Same limit as the reference implementation: a larger header is corruption, not a model.</summary>
    public const long MaxHeaderLength = 100_000_000;

    public const string MetadataKey = "__metadata__";

    public static TensorArchive Read(string path) => Parse(FileInput.ReadAllBytes(path), path);

    public static TensorArchive Parse(byte[] file, string source)
    {
        if (file.Length < 8) throw FileErrors.File(source, $"truncated safetensors file: {file.Length} bytes, the header length alone needs 8");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(file);
        if (headerLength > MaxHeaderLength) throw FileErrors.File(source, $"safetensors header length {headerLength} is larger than the {MaxHeaderLength}-byte limit (corrupted or not a safetensors file)");
        if ((long)headerLength > file.Length - 8) throw FileErrors.File(source, $"safetensors header length {headerLength} runs past the end of the {file.Length}-byte file (truncated?)");
        int dataStart = 8 + (int)headerLength;
        long dataLength = file.Length - dataStart;

        JsonDocument header;
        try
        {
            header = JsonDocument.Parse(file.AsMemory(8, (int)headerLength), new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            throw FileErrors.File(source, $"safetensors header is not valid JSON: {e.Message}", e);
        }

        using (header)
        {
            if (header.RootElement.ValueKind != JsonValueKind.Object) throw FileErrors.File(source, "safetensors header is not a JSON object");
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var entries = new List<(string Name, TensorDType DType, int[] Shape, long Begin, long End)>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in header.RootElement.EnumerateObject())
            {
                if (!seen.Add(property.Name)) throw FileErrors.Tensor(source, property.Name, "appears twice in the header");
                if (property.Name == MetadataKey)
                {
                    ReadMetadata(property.Value, metadata, source);
                    continue;
                }
                entries.Add(ReadEntry(property.Name, property.Value, dataLength, source));
            }

            CheckNoOverlap(entries.Select(e => (e.Name, e.Begin, e.End)), source);
            var tensors = entries.Select(e => new TensorData(e.Name, e.DType, e.Shape, file.AsSpan(dataStart + (int)e.Begin, (int)(e.End - e.Begin)).ToArray()));
            return new TensorArchive(source, tensors.ToList(), metadata);
        }
    }

    private static void ReadMetadata(JsonElement value, Dictionary<string, string> metadata, string source)
    {
        if (value.ValueKind != JsonValueKind.Object) throw FileErrors.File(source, $"safetensors {MetadataKey} is not a JSON object of strings");
        foreach (var item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String) throw FileErrors.File(source, $"safetensors {MetadataKey} entry '{item.Name}' is not a string");
            if (!metadata.TryAdd(item.Name, item.Value.GetString()!)) throw FileErrors.File(source, $"safetensors {MetadataKey} entry '{item.Name}' appears twice");
        }
    }

    private static (string, TensorDType, int[], long, long) ReadEntry(string name, JsonElement value, long dataLength, string source)
    {
        if (value.ValueKind != JsonValueKind.Object) throw FileErrors.Tensor(source, name, "header entry is not a JSON object");
        string? dtypeName = null;
        int[]? shape = null;
        long[]? offsets = null;
        foreach (var field in value.EnumerateObject())
        {
            switch (field.Name)
            {
                case "dtype":
                    dtypeName = field.Value.ValueKind == JsonValueKind.String ? field.Value.GetString() : throw FileErrors.Tensor(source, name, "dtype is not a string");
                    break;
                case "shape":
                    shape = ReadIntegers(field.Value, name, "shape", int.MaxValue, source).Select(d => (int)d).ToArray();
                    break;
                case "data_offsets":
                    offsets = ReadIntegers(field.Value, name, "data_offsets", long.MaxValue, source);
                    break;
                default:
                    throw FileErrors.Tensor(source, name, $"unknown header field '{field.Name}'");
            }
        }
        if (dtypeName is null) throw FileErrors.Tensor(source, name, "header entry has no dtype");
        if (shape is null) throw FileErrors.Tensor(source, name, "header entry has no shape");
        if (offsets is null) throw FileErrors.Tensor(source, name, "header entry has no data_offsets");
        if (!TensorDTypes.TryParseSafetensorsName(dtypeName, out var dtype))
            throw FileErrors.Tensor(source, name, $"unknown dtype '{dtypeName}' (supported: {string.Join(", ", Enum.GetValues<TensorDType>().Select(d => d.SafetensorsName()))})");
        if (offsets.Length != 2) throw FileErrors.Tensor(source, name, $"data_offsets has {offsets.Length} numbers, expected [begin, end]");
        long begin = offsets[0], end = offsets[1];
        if (begin > end) throw FileErrors.Tensor(source, name, $"data_offsets [{begin}, {end}] end before they begin");
        if (end > dataLength) throw FileErrors.Tensor(source, name, $"data_offsets [{begin}, {end}] run past the {dataLength}-byte data section (truncated?)");
        long count = TensorShape.ElementCount(shape);
        if (count < 0) throw FileErrors.Tensor(source, name, $"shape {TensorShape.Format(shape)} is too large");
        if (end - begin != count * dtype.ElementSize())
            throw FileErrors.Tensor(source, name, $"{dtypeName} {TensorShape.Format(shape)} needs {count * dtype.ElementSize()} bytes but data_offsets [{begin}, {end}] hold {end - begin}");
        return (name, dtype, shape, begin, end);
    }

    private static long[] ReadIntegers(JsonElement value, string name, string field, long max, string source)
    {
        if (value.ValueKind != JsonValueKind.Array) throw FileErrors.Tensor(source, name, $"{field} is not an array");
        var result = new List<long>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out long number) || number < 0 || number > max)
                throw FileErrors.Tensor(source, name, $"{field} holds '{item.GetRawText()}', not a non-negative integer");
            result.Add(number);
        }
        return result.ToArray();
    }

    private static void CheckNoOverlap(IEnumerable<(string Name, long Begin, long End)> ranges, string source)
    {
        (string Name, long Begin, long End)? previous = null;
        foreach (var range in ranges.Where(r => r.End > r.Begin).OrderBy(r => r.Begin))
        {
            if (previous is { } p && range.Begin < p.End)
                throw FileErrors.Tensor(source, range.Name, $"data_offsets [{range.Begin}, {range.End}] overlap those of tensor '{p.Name}' [{p.Begin}, {p.End}]");
            previous = range;
        }
    }
}
