using System.Runtime.InteropServices;
using Fpga.Host.Cpu;
using Fpga.Perf.Peers;

namespace Fpga.Perf;

/// <summary>
/// The CPU performance suite: matrix-vector products and LSTM steps of the XNOR-popcount
/// engine against the float32 baseline on the same code path and against peers, memory saving,
/// and the quantizers' throughput. Every ratio comes from one side-by-side measurement.
/// </summary>
public static class PerfSuite
{
    /// <summary>Speed-up goals of issue 8 for one LSTM step including online activation quantization, by bits.</summary>
    public static IReadOnlyDictionary<int, double> StepGoals { get; } = new Dictionary<int, double> { [1] = 10, [2] = 6, [3] = 3 };

    public static PerfResults Run(PerfSettings settings, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        var machine = new MachineInfo(Environment.ProcessorCount, settings.Threads, PopcountIsas.Best.ToString(), RuntimeInformation.FrameworkDescription,
            RuntimeInformation.OSDescription, DateTimeOffset.Now, LoadAverage(),
            "ratios come from candidates timed side by side in one run; absolute times move with the machine's load");
        output.WriteLine($"CPU performance: {machine.Cores} cores, {machine.Threads} threads per engine, popcount path {machine.Isa}, {machine.Runtime}");
        output.WriteLine($"  medians of {settings.Rounds} interleaved rounds; {machine.Note}");
        if (machine.LoadAverage is { } load) output.WriteLine($"  load average at start: {load:F1} on {machine.Cores} cores");
        var matVec = MatVec(settings, output);
        var (step, peers) = Step(settings, output);
        output.WriteLine($"quantizers (alternating, 2 bits, 2 cycles):");
        var quantizers = QuantizerThroughput.Measure(settings.QuantizerMatrixSize, settings);
        output.WriteLine($"  matrix {quantizers.MatrixSize}x{quantizers.MatrixSize}: {quantizers.MatrixSeconds:F3} s; vector {quantizers.VectorLength}: {quantizers.VectorMicroseconds:F2} us");
        SimulationSpeedResult? simulation = null;
        if (settings.SimulatorSteps > 0)
        {
            simulation = AcceleratorSimulationSpeed.Measure(settings.SimulatedSpec, settings.SimulatorSteps);
            output.WriteLine($"Verilator, the accelerator's self-checking bench ({simulation.Spec}, {simulation.CyclesPerStep} cycles per step):");
            output.WriteLine($"  {simulation.Steps} steps in {simulation.RunSeconds:F2} s: {simulation.StepsPerSecond:N0} steps/s, {simulation.CyclesPerSecond / 1e6:F2} M cycles/s (build {simulation.BuildSeconds:F0} s)");
        }
        return new PerfResults(machine, matVec, step, quantizers, peers, simulation);
    }

    private static List<MatVecResult> MatVec(PerfSettings settings, TextWriter output)
    {
        output.WriteLine("matrix-vector product (weights and vector alternating-quantized, kw = ka = bits), us per product:");
        output.WriteLine($"  {"shape",-10} {"bits",4} {"float32",9} {"xnor",9} {"xnor+q(x)",10} {"speed-up",9} {"incl. q(x)",10} {"memory",8}");
        var results = new List<MatVecResult>();
        foreach (var (rows, cols) in settings.MatrixShapes)
        {
            foreach (int bits in settings.Bits)
            {
                var fixture = new MatVecFixture(rows, cols, bits, settings.Threads);
                var times = SideBySide.MedianSeconds(
                [
                    SideBySide.Repeated("float", fixture.Float, SideBySide.RepetitionsFor(fixture.Float, settings.SampleSeconds)),
                    SideBySide.Repeated("xnor", fixture.Xnor, SideBySide.RepetitionsFor(fixture.Xnor, settings.SampleSeconds)),
                    SideBySide.Repeated("xnorq", fixture.XnorWithQuantization, SideBySide.RepetitionsFor(fixture.XnorWithQuantization, settings.SampleSeconds)),
                ], settings.WarmupSeconds, settings.Rounds);
                var result = new MatVecResult(rows, cols, bits, times["float"] * 1e6, times["xnor"] * 1e6, times["xnorq"] * 1e6, fixture.FloatBytes, fixture.PackedBytes);
                results.Add(result);
                output.WriteLine($"  {$"{rows}x{cols}",-10} {$"{bits}/{bits}",4} {result.FloatMicroseconds,9:F1} {result.XnorMicroseconds,9:F1} {result.XnorWithQuantizationMicroseconds,10:F1} "
                    + $"{result.Speedup,8:F1}x {result.SpeedupWithQuantization,9:F1}x {result.MemoryRatio,7:F1}x");
            }
        }
        return results;
    }

    private static (LstmStepResults Step, List<PeerStatus> Peers) Step(PerfSettings settings, TextWriter output)
    {
        var fixture = new LstmStepFixture(settings.InputSize, settings.HiddenSize, settings.Steps, settings.Bits, settings.Threads);
        output.WriteLine($"LSTM step: input {fixture.InputSize}, hidden {fixture.HiddenSize} (gate matrices 4H x I = {4 * fixture.HiddenSize}x{fixture.InputSize} "
            + $"and 4H x H = {4 * fixture.HiddenSize}x{fixture.HiddenSize}), batch 1, sequences of {fixture.Steps} steps; "
            + "quantized steps include quantizing x online and re-quantizing h:");
        var peers = new List<PeerStatus>();
        var candidates = new List<Candidate>
        {
            SideBySide.Repeated("float32", fixture.FloatSequence, SideBySide.RepetitionsFor(fixture.FloatSequence, settings.SampleSeconds), fixture.Steps),
        };
        foreach (int bits in settings.Bits)
        {
            void Run() => fixture.XnorSequence(bits);
            candidates.Add(SideBySide.Repeated($"xnor {bits}/{bits}", Run, SideBySide.RepetitionsFor(Run, settings.SampleSeconds), fixture.Steps));
        }
        OrtLstm? ort = null;
        if (settings.Peers)
        {
            var (available, detail) = OrtLstm.Probe();
            peers.Add(new PeerStatus("onnxruntime", available, detail));
            if (available)
            {
                ort = new OrtLstm(fixture.Model, fixture.Inputs, fixture.Steps, settings.Threads);
                candidates.Add(SideBySide.Repeated("onnxruntime float32", ort.RunSequence, SideBySide.RepetitionsFor(ort.RunSequence, settings.SampleSeconds), fixture.Steps));
            }
        }
        IReadOnlyDictionary<string, double> times;
        try
        {
            times = SideBySide.MedianSeconds(candidates, settings.WarmupSeconds, settings.Rounds);
        }
        finally
        {
            ort?.Dispose();
        }
        double floatSeconds = times["float32"];
        var engines = candidates.Select(c => new StepResult(c.Name, BitsOf(c.Name), times[c.Name] * 1e6, floatSeconds / times[c.Name])).ToList();
        if (settings.Peers)
        {
            var (torch, detail) = TorchPeer.Measure(fixture.InputSize, fixture.HiddenSize, fixture.Steps, settings.Threads, settings.WarmupSeconds, settings.Rounds);
            peers.Add(new PeerStatus("pytorch", torch is not null, detail));
            if (torch is not null)
            {
                engines.Add(new StepResult("pytorch float32 (own process)", null, torch.FloatSecondsPerStep * 1e6, floatSeconds / torch.FloatSecondsPerStep));
                engines.Add(new StepResult("pytorch int8 dynamic (own process)", null, torch.Int8DynamicSecondsPerStep * 1e6, floatSeconds / torch.Int8DynamicSecondsPerStep));
            }
        }
        output.WriteLine($"  {"engine",-36} {"us/step",9} {"vs float32",11}");
        foreach (var engine in engines) output.WriteLine($"  {engine.Engine,-36} {engine.MicrosecondsPerStep,9:F1} {engine.SpeedupOverFloat,10:F2}x");
        foreach (var peer in peers) output.WriteLine($"  peer {peer.Name}: {peer.Detail}");
        var memory = settings.Bits.Select(b => new MemoryResult(b, fixture.FloatBytes, fixture.PackedBytes(b))).ToList();
        output.WriteLine("  weights: " + string.Join(", ", memory.Select(m => $"{m.Bits} bits {m.PackedBytes / 1024.0:F0} KiB ({m.Ratio:F1}x smaller than float32 {m.FloatBytes / 1024.0:F0} KiB)")));
        Verdicts(engines, output);
        return (new LstmStepResults(fixture.InputSize, fixture.HiddenSize, fixture.Steps, engines, memory), peers);
    }

    private static void Verdicts(IReadOnlyList<StepResult> engines, TextWriter output)
    {
        foreach (var (bits, goal) in StepGoals)
        {
            if (engines.FirstOrDefault(e => e.Bits == bits) is { } engine)
                output.WriteLine($"  goal {bits}/{bits}: >= {goal}x over float32: {engine.SpeedupOverFloat:F1}x {(engine.SpeedupOverFloat >= goal ? "met" : "MISSED")}");
        }
        if (engines.FirstOrDefault(e => e.Bits == 2) is { } two && engines.FirstOrDefault(e => e.Engine == "onnxruntime float32") is { } ort)
            output.WriteLine($"  goal 2/2 faster than onnxruntime float32: {ort.MicrosecondsPerStep / two.MicrosecondsPerStep:F1}x {(two.MicrosecondsPerStep < ort.MicrosecondsPerStep ? "met" : "MISSED")}");
    }

    private static double? LoadAverage()
    {
        const string path = "/proc/loadavg";
        if (!File.Exists(path)) return null;
        string first = File.ReadAllText(path).Split(' ')[0];
        return double.TryParse(first, System.Globalization.CultureInfo.InvariantCulture, out double load) ? load : null;
    }

    private static int? BitsOf(string name) => name.StartsWith("xnor ", StringComparison.Ordinal) ? int.Parse(name[5..name.IndexOf('/')]) : null;
}
