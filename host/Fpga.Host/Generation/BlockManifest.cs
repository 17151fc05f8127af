using System.Text.Json;
using System.Text.Json.Nodes;
using Fpga.Gen.Cores;
using Fpga.Gen.Spec;
using Fpga.Host.Formats;

namespace Fpga.Host.Generation;

/// <summary>
/// manifest.json beside generated RTL: the spec, its hash and design id, the derived widths,
/// and each block with its module, file, role and cycles per use.
/// </summary>
public static class BlockManifest
{
    public const string FileName = "manifest.json";

    public static string ToJson(AcceleratorSpec spec, IReadOnlyList<AcceleratorBlock> blocks)
    {
        var widths = DerivedWidths.For(spec);
        var manifest = new JsonObject
        {
            ["spec"] = JsonNode.Parse(spec.ToJson()),
            ["hash"] = spec.Hash,
            ["designId"] = $"0x{spec.DesignId:x8}",
            ["derivedWidths"] = new JsonObject
            {
                ["coefficientProduct"] = widths.CoefficientProduct,
                ["layerAccumulators"] = new JsonArray(widths.Layers.Select(l => (JsonNode)l.Accumulator).ToArray()),
                ["preActivationSum"] = widths.PreActivationSum,
                ["cellSum"] = widths.CellSum,
                ["residual"] = widths.Residual,
                ["residualSum"] = widths.ResidualSum,
            },
            ["matrixVectorCycles"] = "(rows / PE) * ceil(cols / SIMD) * kw * ka + 6",
            ["blocks"] = new JsonArray(blocks.Select(b => (JsonNode)new JsonObject
            {
                ["role"] = b.Role,
                ["module"] = b.Module.Name,
                ["file"] = b.Module.Name + ".v",
                ["summary"] = b.Summary,
                ["cyclesPerUse"] = b.CyclesPerUse,
            }).ToArray()),
        };
        return manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    public static void Write(string directory, AcceleratorSpec spec, IReadOnlyList<AcceleratorBlock> blocks) =>
        AtomicFile.Write(Path.Combine(directory, FileName), stream =>
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(ToJson(spec, blocks));
            stream.Write(bytes);
        });
}
