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
            if (n % 3 == 0) LoadWeights(sim, mvu, problem);
            LoadActivations(sim, mvu, problem);
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
                    long got = XnorDotReference.Signed((data >> (pe * mvu.AccumulatorWidth)) & ((BigInteger.One << mvu.AccumulatorWidth) - 1), mvu.AccumulatorWidth);
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

    private static void LoadWeights(VerilatorSimulation sim, XnorMvu mvu, XnorMvuProblem p)
    {
        var o = mvu.Options;
        int wAddrBits = Fpga.Gen.Hdl.BitWidth.Log2Ceiling(Math.Max(2, o.RowFolds * o.WeightCodes * o.ColFolds));
        int cAddrBits = Fpga.Gen.Hdl.BitWidth.Log2Ceiling(Math.Max(2, o.RowFolds * o.WeightCodes));
        var wordMask = (BigInteger.One << o.Simd) - 1;
        for (int r = 0; r < o.Rows; r++)
        {
            int pe = r % o.Pe, fold = r / o.Pe;
            for (int i = 0; i < o.WeightCodes; i++)
            {
                for (int cf = 0; cf < o.ColFolds; cf++)
                {
                    long address = ((long)(fold * o.WeightCodes + i) * o.ColFolds + cf) | ((long)pe << wAddrBits);
                    sim.Set("w_wr_addr", (ulong)address);
                    sim.Set("w_wr_data", (p.WeightPlanes[r, i] >> (cf * o.Simd)) & wordMask);
                    sim.Set("w_wr_en", true);
                    sim.Step();
                }
                sim.Set("a_wr_addr", (ulong)((long)(fold * o.WeightCodes + i) | ((long)pe << cAddrBits)));
                sim.Set("a_wr_data", TwosComplement(p.WeightCoefficients[r, i], o.WeightCoefficientWidth));
                sim.Set("a_wr_en", true);
                sim.Set("w_wr_en", false);
                sim.Step();
                sim.Set("a_wr_en", false);
            }
        }
        sim.Set("w_wr_en", false);
        sim.Set("a_wr_en", false);
    }

    private static void LoadActivations(VerilatorSimulation sim, XnorMvu mvu, XnorMvuProblem p)
    {
        var o = mvu.Options;
        var wordMask = (BigInteger.One << o.Simd) - 1;
        for (int j = 0; j < o.ActivationCodes; j++)
        {
            for (int cf = 0; cf < o.ColFolds; cf++)
            {
                sim.Set("x_wr_addr", (ulong)(j * o.ColFolds + cf));
                sim.Set("x_wr_data", (p.ActivationPlanes[j] >> (cf * o.Simd)) & wordMask);
                sim.Set("x_wr_en", true);
                sim.Step();
            }
            sim.Set("x_wr_en", false);
            if (o.ActivationCodes > 1) sim.Set("g_wr_idx", (ulong)j);
            sim.Set("g_wr_data", TwosComplement(p.ActivationCoefficients[j], o.ActivationCoefficientWidth));
            sim.Set("g_wr_en", true);
            sim.Step();
            sim.Set("g_wr_en", false);
        }
    }

    private static BigInteger TwosComplement(long value, int width) => value >= 0 ? value : (BigInteger.One << width) + value;

    private static void Reset(VerilatorSimulation sim)
    {
        foreach (var port in new[] { "start", "w_wr_en", "a_wr_en", "x_wr_en", "g_wr_en", "m_axis_tready" }) sim.Set(port, false);
        sim.Set("rst", true);
        sim.Step(2);
        sim.Set("rst", false);
    }
}
