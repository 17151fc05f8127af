using System.Numerics;
using Fpga.Gen.Cores.Lstm;
using Fpga.Host.Golden;
using Fpga.Sim.Verilator;

namespace Fpga.Host.Verification;

/// <summary>What one co-simulation of the layer engine observed.</summary>
public sealed record LstmLayerCosimResult(int Sequences, int Steps, int HiddenChecked, IReadOnlyList<string> Mismatches, IReadOnlyList<long> CyclesPerStep)
{
    public bool Passed => Mismatches.Count == 0;
}

/// <summary>
/// Loads a model image into the Verilated layer engine (gate rows unit-major), runs
/// sequences step by step with the host's input codes, and compares every hidden value with
/// the golden model's trace, under random sink stalls. Static coefficients go in through sg_wr_*.
/// </summary>
public static class LstmLayerCosim
{
    public static LstmLayerCosimResult Run(VerilatorSimulation sim, LstmLayerEngine engine, ModelImage image, IReadOnlyList<IReadOnlyList<CodedVector>> sequences, int seed, double sinkStall)
    {
        var spec = engine.Spec;
        var random = new Random(seed);
        int h = spec.HiddenSize;
        foreach (var port in new[] { "wx_wr_en", "ax_wr_en", "wh_wr_en", "ah_wr_en", "b_wr_en", "x_wr_en", "g_wr_en", "start", "first", "m_axis_tready" }) sim.Set(port, false);
        if (image.Layers[0].StaticCoefficients is not null) sim.Set("sg_wr_en", false);
        sim.Set("rst", true);
        sim.Step(2);
        sim.Set("rst", false);
        foreach (var write in LayerEngineImage.Writes(engine, image))
        {
            var port = LayerEngineImage.PortPrefix(write.Target);
            sim.Set($"{port}_wr_addr", write.Address);
            sim.Set($"{port}_wr_data", write.Data);
            sim.Set($"{port}_wr_en", true);
            sim.Step();
            sim.Set($"{port}_wr_en", false);
        }
        if (image.Layers[0].StaticCoefficients is { } fixedCoefficients)
        {
            for (int j = 0; j < fixedCoefficients.Length; j++)
            {
                if (fixedCoefficients.Length > 1) sim.Set("sg_wr_addr", (ulong)j);
                sim.Set("sg_wr_data", TwosComplement.Bits(fixedCoefficients[j], spec.ActivationCoefficient.Width));
                sim.Set("sg_wr_en", true);
                sim.Step();
            }
            sim.Set("sg_wr_en", false);
        }

        var mismatches = new List<string>();
        if ((uint)sim.Get("design_id") != spec.DesignId) mismatches.Add($"design id 0x{(uint)sim.Get("design_id"):x8}, expected 0x{spec.DesignId:x8}");
        long busyBefore = (long)sim.Get("busy_cycles");
        var golden = new GoldenLstm(image);
        var cycles = new List<long>();
        int checkedValues = 0, steps = 0;
        for (int s = 0; s < sequences.Count; s++)
        {
            var trace = new List<GoldenStepTrace>();
            golden.RunSequence(sequences[s], trace);
            for (int t = 0; t < sequences[s].Count; t++)
            {
                var x = sequences[s][t];
                MvuLoader.LoadActivations(sim, engine.Input, Enumerable.Range(0, x.Codes).Select(j => MvuLoader.Columns(x.Plane(j))).ToArray(), x.Coefficients);
                sim.Set("first", t == 0);
                sim.Set("start", true);
                sim.Step();
                sim.Set("start", false);
                long begin = sim.Cycles;
                var outputs = new List<long>();
                for (long guard = 0; guard < 200_000; guard++)
                {
                    bool ready = random.NextDouble() >= sinkStall;
                    sim.Set("m_axis_tready", ready);
                    var valid = sim.Sample("m_axis_tvalid");
                    var data = sim.Sample("m_axis_tdata");
                    var busy = sim.Sample("busy");
                    if (valid.Value == 1 && ready) outputs.Add(TwosComplement.Signed(data.Value, spec.Hidden.Width));
                    if (busy.Value == 0 && valid.Value == 0) break;
                    sim.Step();
                }
                cycles.Add(sim.Cycles - begin + 1);
                var expected = trace[t].Layers[0].Hidden;
                if (outputs.Count != h) mismatches.Add($"sequence {s} step {t}: {outputs.Count} hidden values instead of {h}");
                for (int k = 0; k < Math.Min(h, outputs.Count); k++)
                {
                    if (outputs[k] != expected[k]) mismatches.Add($"sequence {s} step {t} unit {k}: expected {expected[k]}, got {outputs[k]}");
                    checkedValues++;
                }
                steps++;
            }
        }
        sim.Set("m_axis_tready", false);
        if ((long)sim.Get("step_count") != steps) mismatches.Add($"step counter {sim.Get("step_count")}, expected {steps}");
        long busyCounted = (long)sim.Get("busy_cycles") - busyBefore;
        // Each step is busy from the edge after start until the last code word is written:
        // every cycle measured for it but the start edge itself.
        if (busyCounted != cycles.Sum() - steps) mismatches.Add($"busy-cycle counter advanced {busyCounted}, expected {cycles.Sum() - steps}");
        return new LstmLayerCosimResult(sequences.Count, steps, checkedValues, mismatches.Take(20).ToArray(), cycles);
    }

}
