using Fpga.Gen.Cores.Accelerator;
using Fpga.Gen.Spec;
using Fpga.Host.Golden;
using Fpga.Host.Packing;
using Fpga.Sim.Verilator;

namespace Fpga.Host.Verification;

/// <summary>What one co-simulation of the accelerator top observed.</summary>
/// <param name="StepPeriods">Cycles between consecutive step starts (ticks of the layer wavefront) in which no logits were computed.</param>
/// <param name="LogitPeriods">Cycles between consecutive step starts in whose tick the last layer finished a sequence's last step and the logits followed.</param>
public sealed record AcceleratorCosimResult(int Steps, int ValuesChecked, IReadOnlyList<string> Mismatches, IReadOnlyList<long> StepPeriods,
    IReadOnlyList<long> LogitPeriods, long TotalCycles, long BusyCycles, long IssueCycles, TimeSpan StreamTime)
{
    public bool Passed => Mismatches.Count == 0;
}

/// <summary>How a co-simulation tells the accelerator where a sequence starts.</summary>
public enum SequenceStart
{
    /// <summary>tuser on a sequence's first beat and tlast on its last, sequences back to back.</summary>
    Flags,

    /// <summary>
    /// As the link's RESET_STATE does between runs: every sequence after the first starts with a
    /// state_reset pulse once the accelerator is idle and has sent every output, its first beat
    /// without tuser; with h as the output the sequence before it also ends without tlast, so only
    /// state_reset separates the two.
    /// </summary>
    StateReset,
}

/// <summary>
/// Loads a model image into the Verilated accelerator top through its one write bus, streams
/// every step of every sequence into s_axis back to back (as a host would), and compares every
/// value on m_axis with the golden model, under random sink stalls; also checks the design id
/// and the counters, and records the cycles between step starts.
/// </summary>
public static class AcceleratorCosim
{
    public static AcceleratorCosimResult Run(VerilatorSimulation sim, LstmAccelerator accelerator, ModelImage image,
        IReadOnlyList<IReadOnlyList<CodedVector>> sequences, int seed, double sinkStall, SequenceStart start = SequenceStart.Flags)
    {
        var spec = accelerator.Spec;
        var random = new Random(seed);
        foreach (var port in new[] { "cfg_wr_en", "s_axis_tvalid", "s_axis_tuser", "s_axis_tlast", "state_reset", "m_axis_tready" }) sim.Set(port, false);
        sim.Set("rst", true);
        sim.Step(2);
        sim.Set("rst", false);
        sim.Set("cfg_wr_en", true);
        foreach (var write in ImagePacker.Pack(image, accelerator.MemoryMap))
        {
            sim.Set("cfg_wr_addr", write.Address);
            sim.Set("cfg_wr_data", write.Data);
            sim.Step();
        }
        sim.Set("cfg_wr_en", false);

        var mismatches = new List<string>();
        if ((uint)sim.Get("design_id") != spec.DesignId) mismatches.Add($"design id 0x{(uint)sim.Get("design_id"):x8}, expected 0x{spec.DesignId:x8}");

        // Every beat of every step, and every value the golden model says leaves m_axis.
        var golden = new GoldenLstm(image);
        var segments = new Queue<Queue<InputBeat>>();
        var segmentEnds = new Queue<int>(); // outputs expected by the end of each segment
        var expected = new List<(string Where, long Value, bool Last)>();
        var lastSteps = new HashSet<int>();
        int steps = 0;
        bool byReset = start == SequenceStart.StateReset;
        bool lastFlags = !byReset || spec.Output == OutputMode.LogitsAtEnd;
        for (int s = 0; s < sequences.Count; s++)
        {
            var output = golden.RunSequence(sequences[s]);
            if (s == 0 || byReset) segments.Enqueue(new Queue<InputBeat>());
            var segment = segments.Last();
            for (int t = 0; t < sequences[s].Count; t++)
            {
                bool first = t == 0 && (s == 0 || !byReset), last = t == sequences[s].Count - 1 && lastFlags;
                foreach (var beat in StepBeats.Pack(sequences[s][t], accelerator, first, last)) segment.Enqueue(beat);
                if (t == sequences[s].Count - 1) lastSteps.Add(steps);
                steps++;
            }
            for (int v = 0; v < output.Values.Count; v++)
            {
                var vector = output.Values[v];
                for (int k = 0; k < vector.Length; k++) expected.Add(($"sequence {s} vector {v} value {k}", vector[k], k == vector.Length - 1));
            }
            if (byReset || s == sequences.Count - 1) segmentEnds.Enqueue(expected.Count);
        }

        long begin = sim.Cycles;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var starts = new List<long>();
        int received = 0;
        long stepCount = (long)sim.Get("step_count");
        long startCount = stepCount;
        var beats = segments.Dequeue();
        int segmentEnd = segmentEnds.Dequeue();
        bool resetting = false;
        for (long cycle = 0; cycle < 50_000_000; cycle++)
        {
            sim.Set("state_reset", resetting);
            bool sending = beats.Count > 0 && !resetting;
            if (sending)
            {
                var beat = beats.Peek();
                sim.Set("s_axis_tvalid", true);
                sim.Set("s_axis_tdata", beat.Data);
                sim.Set("s_axis_tuser", beat.First);
                sim.Set("s_axis_tlast", beat.Last);
            }
            else
            {
                sim.Set("s_axis_tvalid", false);
            }
            bool ready = random.NextDouble() >= sinkStall;
            sim.Set("m_axis_tready", ready);
            var sReady = sim.Sample("s_axis_tready");
            var mValid = sim.Sample("m_axis_tvalid");
            var mData = sim.Sample("m_axis_tdata");
            var mLast = sim.Sample("m_axis_tlast");
            var busy = sim.Sample("busy");
            var count = sim.Sample("step_count");
            if ((long)count.Value != stepCount)
            {
                stepCount = (long)count.Value;
                starts.Add(cycle);
            }
            if (sending && sReady.Value == 1) beats.Dequeue();
            if (mValid.Value == 1 && ready)
            {
                long value = TwosComplement.Signed(mData.Value, accelerator.OutputFormat.Width);
                if (received >= expected.Count) mismatches.Add($"an extra output {value}");
                else
                {
                    var (where, want, last) = expected[received];
                    if (value != want) mismatches.Add($"{where}: expected {want}, got {value}");
                    if ((mLast.Value == 1) != last) mismatches.Add($"{where}: tlast is {mLast.Value}");
                }
                received++;
            }
            bool idle = beats.Count == 0 && busy.Value == 0 && mValid.Value == 0;
            if (resetting) (resetting, beats, segmentEnd) = (false, segments.Dequeue(), segmentEnds.Dequeue());
            else if (idle && segments.Count > 0 && received >= segmentEnd) resetting = true;
            else if (idle && segments.Count == 0 && received >= expected.Count) break;
            sim.Step();
        }
        clock.Stop();
        long total = sim.Cycles - begin;
        if (received != expected.Count) mismatches.Add($"{received} outputs instead of {expected.Count}");
        if (stepCount - startCount != steps) mismatches.Add($"step counter advanced {stepCount - startCount}, expected {steps}");

        // Step i is on the last layer in the tick it starts plus the pipeline depth; the logits of
        // a sequence follow the tick in which the last layer finishes the sequence's last step.
        bool logitsAtEnd = spec.Output == OutputMode.LogitsAtEnd;
        var periods = new List<long>();
        var gaps = new List<long>();
        for (int i = 1; i < starts.Count; i++)
            (logitsAtEnd && lastSteps.Contains(i - 1 - accelerator.PipelineDepth) ? gaps : periods).Add(starts[i] - starts[i - 1]);
        long busyCycles = (long)sim.Get("busy_cycles");
        long issueCycles = (long)sim.Get("issue_cycles");
        return new AcceleratorCosimResult(steps, received, mismatches.Take(20).ToArray(), periods, gaps, total, busyCycles, issueCycles, clock.Elapsed);
    }

    /// <summary>The cycles of a tick in which the logits follow the last layer's step: a step, plus the logits.</summary>
    public static long ExpectedLogitPeriod(LstmAccelerator accelerator) => accelerator.CyclesPerStep + accelerator.DenseCycles;

    /// <summary>How many of the step periods of back-to-back sequences carry the logits: those whose tick the last layer ends a sequence in before the input ends.</summary>
    public static int ExpectedLogitPeriods(LstmAccelerator accelerator, int sequences, int steps) =>
        accelerator.Spec.Output != OutputMode.LogitsAtEnd ? 0
            : Enumerable.Range(1, sequences).Count(s => s * steps - 1 + accelerator.PipelineDepth < sequences * steps - 1);
}
