using System.Text.Json;
using System.Text.Json.Nodes;
using Fpga.Gen.Cores.Accelerator;
using Fpga.Gen.Spec;
using Fpga.Host.Formats;

namespace Fpga.Host.Generation;

/// <summary>
/// manifest.json beside a generated accelerator: the spec, its hash and design id, the top
/// module and every module file, the derived widths, the folding, the write bus's memory map,
/// the input stream's beat format and the cycles per step (formula and value).
/// </summary>
public static class AcceleratorManifest
{
    public const string FileName = "manifest.json";

    public static string ToJson(LstmAccelerator accelerator)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        var spec = accelerator.Spec;
        var widths = DerivedWidths.For(spec);
        var map = accelerator.MemoryMap;
        var manifest = new JsonObject
        {
            ["spec"] = JsonNode.Parse(spec.ToJson()),
            ["hash"] = spec.Hash,
            ["designId"] = $"0x{spec.DesignId:x8}",
            ["top"] = accelerator.Module.Name,
            ["modules"] = new JsonArray(accelerator.Module.Submodules().Append(accelerator.Module).Select(m => (JsonNode)(m.Name + ".v")).ToArray()),
            ["derivedWidths"] = new JsonObject
            {
                ["coefficientProduct"] = widths.CoefficientProduct,
                ["layerAccumulators"] = new JsonArray(widths.Layers.Select(l => (JsonNode)l.Accumulator).ToArray()),
                ["denseAccumulator"] = widths.DenseAccumulator,
                ["preActivationSum"] = widths.PreActivationSum,
                ["cellSum"] = widths.CellSum,
                ["residual"] = widths.Residual,
                ["residualSum"] = widths.ResidualSum,
            },
            ["folding"] = new JsonArray(accelerator.Folding.Layers.Select(l => (JsonNode)new JsonObject
            {
                ["layer"] = l.Layer,
                ["inputSimd"] = l.Input.Simd,
                ["inputColumnFolds"] = l.Input.ColFolds,
                ["inputBanks"] = l.Input.ActivationBanks,
                ["recurrentSimd"] = l.Recurrent.Simd,
                ["recurrentColumnFolds"] = l.Recurrent.ColFolds,
                ["denseRows"] = l.Recurrent.ExtraRows,
                ["stepCycles"] = accelerator.Engines[l.Layer].StepCycles,
            }).ToArray()),
            ["memoryMap"] = new JsonObject
            {
                ["addressWidth"] = map.AddressWidth,
                ["regionBits"] = map.RegionBits,
                ["localBits"] = map.LocalBits,
                ["dataWidth"] = map.DataWidth,
                ["regions"] = new JsonArray(map.Regions.Select(r => (JsonNode)new JsonObject
                {
                    ["index"] = r.Index,
                    ["name"] = r.Name,
                    ["base"] = $"0x{(ulong)r.Index << map.LocalBits:x}",
                    ["addressBits"] = r.AddressBits,
                    ["dataWidth"] = r.DataWidth,
                    ["writes"] = r.Writes,
                }).ToArray()),
            },
            ["inputStream"] = new JsonObject
            {
                ["beatWidth"] = accelerator.InputBeatWidth,
                ["beatsPerStep"] = accelerator.InputBeatsPerStep,
                ["layout"] = $"{{G[j] ({spec.ActivationCoefficient.Width} bits), code word ({accelerator.InputSimd} bits)}}, code j major, column fold minor",
            },
            ["outputStream"] = new JsonObject
            {
                ["mode"] = spec.Output.ToString(),
                ["width"] = accelerator.OutputFormat.Width,
                ["fraction"] = accelerator.OutputFormat.Fraction,
            },
            ["cyclesPerStepFormula"] = LstmAccelerator.CyclesPerStepFormula,
            ["cyclesPerStep"] = accelerator.CyclesPerStep,
            ["denseCyclesPerSequence"] = accelerator.DenseCycles,
            ["idealCyclesPerStep"] = Math.Round(accelerator.Folding.IdealCyclesPerStep, 3),
            ["idealFormula"] = LstmAccelerator.IdealFormula,
            ["utilization"] = Math.Round(accelerator.Utilization, 4),
            ["layerPipelineDepth"] = accelerator.PipelineDepth,
        };
        // PE other than 4: a beat adapter between each layer's join and cell unit (none at PE 4, whose manifest is unchanged).
        if (spec.Pe != 4) manifest["beatAdapterFormula"] = LstmAccelerator.BeatAdapterFormula;
        return manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    public static void Write(string directory, LstmAccelerator accelerator) =>
        AtomicFile.Write(Path.Combine(directory, FileName), stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(ToJson(accelerator))));
}
