using System.Numerics;
using Fpga.Gen.Cores.Lstm;
using Fpga.Gen.Spec;
using Fpga.Sim.Verilator;

namespace Fpga.Host.Verification;

/// <summary>What one co-simulation of the cell unit observed.</summary>
public sealed record LstmCellCosimResult(int Beats, int Checked, IReadOnlyList<string> Mismatches, int ExpectedLatency, int ObservedLatency)
{
    public bool Passed => Mismatches.Count == 0 && Checked == Beats && ObservedLatency == ExpectedLatency;
}

/// <summary>
/// Streams random accumulators through the Verilated cell unit, sequences of several steps
/// over all units, under random source idling and sink stalls, and compares every h with
/// <see cref="LstmCellReference"/>. Accumulators are drawn so that pre-activations cover the
/// tables' range and beyond (saturation), with the accumulator's extremes now and then.
/// </summary>
public static class LstmCellCosim
{
    public static LstmCellCosimResult Run(VerilatorSimulation sim, LstmCellUnit unit, int sequences, int steps, int seed, double sourceIdle, double sinkStall)
    {
        var spec = unit.Spec;
        var tables = NonlinearityTables.For(spec);
        int h = spec.HiddenSize, aw = unit.AccumulatorWidth, wz = spec.Gate.Width;
        var random = new Random(seed);
        foreach (var port in new[] { "s_axis_tvalid", "m_axis_tready", "b_wr_en" }) sim.Set(port, false);
        sim.Set("rst", true);
        sim.Step(2);
        sim.Set("rst", false);

        var biases = new long[h, 4];
        for (int k = 0; k < h; k++)
        {
            BigInteger word = 0;
            for (int q = 0; q < 4; q++)
            {
                biases[k, q] = random.Next(10) == 0 ? (random.Next(2) == 0 ? spec.Gate.Min : spec.Gate.Max) : random.NextInt64(-(3L << spec.Gate.Fraction), 3L << spec.Gate.Fraction);
                word |= TwosComplement.Bits(biases[k, q], wz) << (q * wz);
            }
            sim.Set("b_wr_addr", (ulong)k);
            sim.Set("b_wr_data", word);
            sim.Set("b_wr_en", true);
            sim.Step();
        }
        sim.Set("b_wr_en", false);

        // Stimulus and expected outputs, in order.
        int shift = LstmCellUnit.AccumulatorShift(spec);
        var beats = new List<(BigInteger Data, bool First)>();
        var expected = new List<long>();
        long accMax = (1L << (aw - 1)) - 1, accMin = -(1L << (aw - 1));
        for (int s = 0; s < sequences; s++)
        {
            var cells = new long[h];
            for (int t = 0; t < steps; t++)
            {
                for (int k = 0; k < h; k++)
                {
                    var acc = new long[4];
                    BigInteger word = 0;
                    for (int q = 0; q < 4; q++)
                    {
                        acc[q] = random.Next(16) switch
                        {
                            0 => accMax,
                            1 => accMin,
                            _ => Math.Clamp((long)(random.NextDouble() * 24 - 12) * (1L << Math.Max(shift + spec.Gate.Fraction, 0)) / 4 + random.Next(-999, 1000), accMin, accMax),
                        };
                        word |= TwosComplement.Bits(acc[q], aw) << (q * aw);
                    }
                    var bias = new[] { biases[k, 0], biases[k, 1], biases[k, 2], biases[k, 3] };
                    expected.Add(LstmCellReference.Step(spec, tables, acc, bias, ref cells[k]));
                    beats.Add((word, t == 0));
                }
            }
        }

        int latency = -1;
        var mismatches = new List<string>();
        int sent = 0, received = 0;
        bool offering = false;
        long cycle = 0;
        (long Value, bool Pending)? held = null;
        for (long limit = 40L * (beats.Count + 10); received < beats.Count && cycle < limit; cycle++)
        {
            if (!offering && sent < beats.Count && random.NextDouble() >= sourceIdle) offering = true;
            bool ready = random.NextDouble() >= sinkStall;
            var (data, first) = sent < beats.Count ? beats[sent] : (BigInteger.Zero, false);
            sim.Set("s_axis_tvalid", offering);
            sim.Set("s_axis_tdata", data);
            sim.Set("s_axis_tuser", first);
            sim.Set("m_axis_tready", ready);
            var sReady = sim.Sample("s_axis_tready");
            var mValid = sim.Sample("m_axis_tvalid");
            var mData = sim.Sample("m_axis_tdata");
            bool outValid = mValid.Value == 1;
            long got = TwosComplement.Signed(mData.Value, spec.Hidden.Width);
            if (held is { } hold && (!outValid || got != hold.Value)) mismatches.Add($"cycle {cycle}: a stalled output changed");
            if (outValid && ready)
            {
                if (latency < 0) latency = (int)cycle;
                if (got != expected[received]) mismatches.Add($"beat {received} (unit {received % h}): expected {expected[received]}, got {got}");
                received++;
                held = null;
            }
            else held = outValid ? (got, true) : null;
            if (offering && sReady.Value == 1)
            {
                offering = false;
                sent++;
            }
            sim.Step();
        }
        if (received < beats.Count) mismatches.Add($"only {received} of {beats.Count} outputs arrived");
        return new LstmCellCosimResult(beats.Count, received, mismatches.Take(20).ToArray(), unit.Latency, MeasureLatency(sim));
    }

    /// <summary>Cycles from presenting one beat (ready sink) to seeing its output.</summary>
    private static int MeasureLatency(VerilatorSimulation sim)
    {
        sim.Set("m_axis_tready", true);
        sim.Set("s_axis_tvalid", false);
        sim.Step(16);
        sim.Set("s_axis_tvalid", true);
        sim.Step();
        sim.Set("s_axis_tvalid", false);
        for (int cycles = 1; cycles < 64; cycles++)
        {
            if (sim.Get("m_axis_tvalid") == 1) return cycles;
            sim.Step();
        }
        return -1;
    }

}
