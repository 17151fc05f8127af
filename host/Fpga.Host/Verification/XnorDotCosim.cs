using System.Diagnostics;
using System.Numerics;
using Fpga.Gen.Cores.XnorPopcount;
using Fpga.Sim.Verilator;

namespace Fpga.Host.Verification;

/// <summary>What one co-simulation run of the dot-product unit observed.</summary>
public sealed record XnorDotCosimResult(
    int Simd,
    int Beats,
    int Checked,
    IReadOnlyList<string> Mismatches,
    int ExpectedLatency,
    int ObservedLatency,
    long Cycles,
    TimeSpan Elapsed)
{
    public bool Passed => Mismatches.Count == 0 && Checked == Beats && ObservedLatency == ExpectedLatency;
    public double CyclesPerSecond => Cycles / Math.Max(Elapsed.TotalSeconds, 1e-9);
}

/// <summary>
/// Drives the Verilated dot-product unit with random vectors from C# and scores every output
/// against <see cref="XnorDotReference"/>: exact equality, the generator's latency, in-order
/// delivery, and the valid/ready rules under random back-pressure (a stalled output holds
/// its value; nothing is dropped or duplicated).
/// </summary>
public static class XnorDotCosim
{
    private const string ResetPort = "rst";

    /// <summary>Cycles from presenting one beat to seeing its result, with an always-ready sink.</summary>
    public static int MeasureLatency(VerilatorSimulation sim, XnorPopcountDot unit, int limit = 64)
    {
        Reset(sim);
        sim.Set("m_axis_tready", true);
        sim.Set("s_axis_tdata", BigInteger.Zero);
        sim.Set("s_axis_tvalid", true);
        sim.Step();
        sim.Set("s_axis_tvalid", false);
        for (int cycles = 1; cycles <= limit; cycles++)
        {
            if (sim.Get("m_axis_tvalid") == 1) return cycles;
            sim.Step();
        }
        return -1;
    }

    /// <summary>
    /// Streams <paramref name="beats"/> random beats. The source offers a beat with probability
    /// 1 - sourceIdle and the sink is ready with probability 1 - sinkStall, drawn per cycle
    /// from a fixed seed.
    /// </summary>
    public static XnorDotCosimResult Run(VerilatorSimulation sim, XnorPopcountDot unit, int beats, int seed, double sourceIdle, double sinkStall)
    {
        int simd = unit.Options.Simd;
        var random = new Random(seed);
        var mismatches = new List<string>();
        int latency = MeasureLatency(sim, unit);
        Reset(sim);
        var clock = Stopwatch.StartNew();
        long startCycles = sim.Cycles;
        var expected = new Queue<int>();
        int sent = 0, received = 0;
        BigInteger data = 0;
        bool offering = false;
        (bool Valid, BigInteger Data)? stalledOutput = null;
        long idleLimit = 64L * (beats + unit.Latency + 8);
        for (long cycle = 0; received < beats && cycle < idleLimit; cycle++)
        {
            if (!offering && sent < beats && random.NextDouble() >= sourceIdle)
            {
                var a = XnorDotReference.RandomVector(random, simd);
                var b = XnorDotReference.RandomVector(random, simd);
                data = (b << simd) | a;
                offering = true;
                expected.Enqueue(XnorDotReference.Dot(a, b, simd));
            }
            bool sinkReady = random.NextDouble() >= sinkStall;
            sim.Set("s_axis_tvalid", offering);
            sim.Set("s_axis_tdata", data);
            sim.Set("m_axis_tready", sinkReady);
            sim.Eval();
            var sReady = sim.Sample("s_axis_tready");
            var mValid = sim.Sample("m_axis_tvalid");
            var mData = sim.Sample("m_axis_tdata");
            bool outValid = mValid.Value == 1;
            if (stalledOutput is { } held && (!outValid || mData.Value != held.Data))
                mismatches.Add($"cycle {cycle}: a stalled output changed before it was taken");
            if (outValid && sinkReady)
            {
                long got = TwosComplement.Signed(mData.Value, unit.OutputWidth);
                if (expected.Count == 0) mismatches.Add($"cycle {cycle}: output {got} with nothing outstanding");
                else if (expected.Dequeue() is var want && want != got) mismatches.Add($"beat {received}: expected {want}, got {got}");
                received++;
                stalledOutput = null;
            }
            else
            {
                stalledOutput = outValid ? (true, mData.Value) : null;
            }
            if (offering && sReady.Value == 1)
            {
                offering = false;
                sent++;
            }
            sim.Step();
        }
        if (received < beats) mismatches.Add($"only {received} of {beats} results arrived");
        return new XnorDotCosimResult(simd, beats, received, mismatches, unit.Latency, latency, sim.Cycles - startCycles, clock.Elapsed);
    }

    /// <summary>
    /// Full-rate streaming with no back-pressure and no per-cycle round trip: every command is
    /// pipelined and the samples are checked at the end. Measures simulator throughput too.
    /// </summary>
    public static XnorDotCosimResult RunFullRate(VerilatorSimulation sim, XnorPopcountDot unit, int beats, int seed)
    {
        int simd = unit.Options.Simd;
        var random = new Random(seed);
        Reset(sim);
        sim.Set("m_axis_tready", true);
        var expected = new int[beats];
        var stimulus = new BigInteger[beats];
        for (int beat = 0; beat < beats; beat++)
        {
            var a = XnorDotReference.RandomVector(random, simd);
            var b = XnorDotReference.RandomVector(random, simd);
            expected[beat] = XnorDotReference.Dot(a, b, simd);
            stimulus[beat] = (b << simd) | a;
        }
        var samples = new List<(PendingValue Valid, PendingValue Data)>(beats + unit.Latency);
        var clock = Stopwatch.StartNew();
        long startCycles = sim.Cycles;
        for (int cycle = 0; cycle < beats + unit.Latency; cycle++)
        {
            if (cycle < beats) sim.Set("s_axis_tdata", stimulus[cycle]);
            sim.Set("s_axis_tvalid", cycle < beats);
            sim.Step();
            samples.Add((sim.Sample("m_axis_tvalid"), sim.Sample("m_axis_tdata")));
        }
        long cycles = sim.Cycles - startCycles;
        var elapsed = clock.Elapsed;
        var mismatches = new List<string>();
        int received = 0;
        foreach (var (valid, data) in samples)
        {
            if (valid.Value != 1) continue;
            long got = TwosComplement.Signed(data.Value, unit.OutputWidth);
            if (received >= beats) mismatches.Add($"extra output {got}");
            else if (expected[received] != got) mismatches.Add($"beat {received}: expected {expected[received]}, got {got}");
            received++;
        }
        int firstValid = samples.FindIndex(s => s.Valid.Value == 1) + 1;
        if (received < beats) mismatches.Add($"only {received} of {beats} results arrived at full rate");
        return new XnorDotCosimResult(simd, beats, received, mismatches, unit.Latency, firstValid, cycles, elapsed);
    }

    /// <summary>
    /// Cycles per second of the model itself: a full pipeline clocked with constant valid
    /// input and a ready sink, in one command, so the line protocol costs nothing.
    /// </summary>
    public static double FreeRunningCyclesPerSecond(VerilatorSimulation sim, XnorPopcountDot unit, long cycles = 2_000_000)
    {
        Reset(sim);
        sim.Set("s_axis_tdata", XnorDotReference.RandomVector(new Random(7), 2 * unit.Options.Simd));
        sim.Set("s_axis_tvalid", true);
        sim.Set("m_axis_tready", true);
        long start = sim.Cycles;
        var clock = Stopwatch.StartNew();
        sim.Step(cycles);
        long stepped = sim.Cycles - start;
        return stepped / clock.Elapsed.TotalSeconds;
    }

    private static void Reset(VerilatorSimulation sim)
    {
        sim.Set("s_axis_tvalid", false);
        sim.Set("m_axis_tready", false);
        sim.Set(ResetPort, true);
        sim.Step(2);
        sim.Set(ResetPort, false);
    }
}
