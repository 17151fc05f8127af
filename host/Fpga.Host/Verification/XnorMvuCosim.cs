using System.Numerics;
using Fpga.Gen.Cores.Mvu;
using Fpga.Sim.Verilator;

namespace Fpga.Host.Verification;

/// <summary>What one co-simulation of the matrix-vector unit observed.</summary>
public sealed record XnorMvuCosimResult(int Products, int RowsChecked, IReadOnlyList<string> Mismatches, long ExpectedCycles, long ObservedCycles)
{
    public bool Passed => Mismatches.Count == 0 && ObservedCycles == ExpectedCycles;
}

/// <summary>
/// Loads random weights and activations into the Verilated matrix-vector unit through its
/// write ports, runs products, and scores every accumulator against <see cref="XnorMvuReference"/>,
/// the cycle count against (rows/PE)(cols/SIMD) kw ka + tail, tlast, and the valid/ready rules
/// under random back-pressure. Everything is pipelined over the harness protocol and
/// resolved after the run.
/// </summary>
public static class XnorMvuCosim
{
    public static XnorMvuCosimResult Run(VerilatorSimulation sim, XnorMvu mvu, int products, int seed, double sinkStall)
    {
        var o = mvu.Options;
        var random = new Random(seed);
        var mismatches = new List<string>();
        Reset(sim);
        XnorMvuProblem? problem = null;
        long observedCycles = -1;
        int rowsChecked = 0;
        for (int n = 0; n < products; n++)
        {
            // New weights for the first product and every third one; activations always.
            problem = XnorMvuProblem.Random(o, random, newWeights: n % 3 == 0, previous: problem);
            if (n % 3 == 0)
            {
                var weights = problem;
                MvuLoader.LoadWeights(sim, mvu, "w", "a", (r, i) => weights.WeightPlanes[r, i], (r, i) => weights.WeightCoefficients[r, i]);
            }
            MvuLoader.LoadActivations(sim, mvu, problem.ActivationPlanes, problem.ActivationCoefficients);
            var expected = XnorMvuReference.Compute(o, problem);
            var stall = n == 0 ? 0.0 : sinkStall;
            var (beats, cycles, errors) = RunProduct(sim, mvu, random, stall);
            mismatches.AddRange(errors.Select(e => $"product {n}: {e}"));
            if (n == 0) observedCycles = cycles;
            if (beats.Count != o.RowFolds)
            {
                mismatches.Add($"product {n}: {beats.Count} beats instead of {o.RowFolds}");
                continue;
            }
            for (int fold = 0; fold < o.RowFolds; fold++)
            {
                var (data, last) = beats[fold];
                if (last != (fold == o.RowFolds - 1)) mismatches.Add($"product {n}: tlast is {last} on beat {fold}");
                for (int pe = 0; pe < o.Pe; pe++)
                {
                    int row = fold * o.Pe + pe;
                    long got = TwosComplement.Signed((data >> (pe * mvu.AccumulatorWidth)) & ((BigInteger.One << mvu.AccumulatorWidth) - 1), mvu.AccumulatorWidth);
                    if (got != expected[row]) mismatches.Add($"product {n}, row {row}: expected {expected[row]}, got {got}");
                    rowsChecked++;
                }
            }
        }
        return new XnorMvuCosimResult(products, rowsChecked, mismatches, mvu.CyclesPerProduct, observedCycles);
    }

    private static (List<(BigInteger Data, bool Last)> Beats, long Cycles, List<string> Errors) RunProduct(
        VerilatorSimulation sim, XnorMvu mvu, Random random, double stall)
    {
        var o = mvu.Options;
        sim.Set("start", true);
        sim.Step();
        sim.Set("start", false);
        long budget = 4 * (mvu.CyclesPerProduct + 16);
        var samples = new List<(bool Ready, PendingValue Valid, PendingValue Data, PendingValue Last, PendingValue Busy)>();
        for (long c = 0; c < budget; c++)
        {
            bool ready = random.NextDouble() >= stall;
            sim.Set("m_axis_tready", ready);
            samples.Add((ready, sim.Sample("m_axis_tvalid"), sim.Sample("m_axis_tdata"), sim.Sample("m_axis_tlast"), sim.Sample("busy")));
            sim.Step();
        }
        sim.Set("m_axis_tready", false);
        var beats = new List<(BigInteger, bool)>();
        var errors = new List<string>();
        long lastBeatCycle = -1;
        for (int c = 0; c < samples.Count; c++)
        {
            var s = samples[c];
            bool valid = s.Valid.Value == 1;
            if (valid && !s.Ready && c + 1 < samples.Count)
            {
                var next = samples[c + 1];
                if (next.Valid.Value != 1 || next.Data.Value != s.Data.Value || next.Last.Value != s.Last.Value)
                    errors.Add($"cycle {c}: a stalled beat changed before it was taken");
            }
            if (valid && s.Ready)
            {
                beats.Add((s.Data.Value, s.Last.Value == 1));
                lastBeatCycle = c;
            }
        }
        if (samples[^1].Busy.Value == 1) errors.Add("still busy at the end of the cycle budget");
        // Sample c is read after the start edge and c more edges: the last beat was on the
        // output c + 1 cycles after start was taken (it is taken at once: no stall in product 0).
        return (beats, lastBeatCycle + 1, errors);
    }

    private static void Reset(VerilatorSimulation sim)
    {
        foreach (var port in new[] { "start", "w_wr_en", "a_wr_en", "x_wr_en", "g_wr_en", "m_axis_tready" }) sim.Set(port, false);
        sim.Set("rst", true);
        sim.Step(2);
        sim.Set("rst", false);
    }
}
