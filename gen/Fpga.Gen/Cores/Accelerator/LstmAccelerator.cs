using Fpga.Gen.Cores.Lstm;
using Fpga.Gen.Hdl;
using Fpga.Gen.Ir;
using Fpga.Gen.Spec;

namespace Fpga.Gen.Cores.Accelerator;

/// <summary>
/// The accelerator top: 1 to 4 stacked LSTM layers, one layer engine each, pipelined across
/// time steps as a wavefront (in each tick layer l works on step t while layer l+1 works on step
/// t-1, reading layer l's re-quantized h of step t-1 from one bank of its double-buffered input
/// unit while layer l writes h of step t into the other), and with the logits as the output the
/// dense layer as extra rows of the last layer's recurrent unit, run after the last layer has
/// finished a sequence's last step.
///
/// Ports (docs/ARCHITECTURE.md, "The accelerator top"):
/// - cfg_wr_en/addr/data: the one write bus for every memory, decoded by <see cref="AcceleratorMemoryMap"/>.
///   Write only while busy is low.
/// - s_axis: a step's input, <see cref="InputBeatsPerStep"/> beats of {G[j], code word of the
///   input SIMD columns}, code j major, column fold minor; tuser on the step's first beat starts
///   a sequence (c = 0, h = 0), tlast on its last beat ends one (the next step starts a new one,
///   and with the logits as output they follow this step). tready is a register: low while a
///   loaded step waits and while layer 0 still reads the previous one.
/// - state_reset: pulsed while no step is loaded (between runs): the next step starts a new sequence.
/// - m_axis: the last layer's h every step (tlast on unit H-1), or the logits after a
///   sequence's last step (tlast on the last).
/// - busy, design_id, step_count (steps started), busy_cycles, issue_cycles (cycles in which a
///   matrix-vector unit issues an address), product_cycles (cycles in which a layer is between
///   its start and its last product beat): all counters since reset, wrapping.
/// </summary>
public sealed partial class LstmAccelerator
{
    private LstmAccelerator(AcceleratorSpec spec, ModuleIr module, AcceleratorMemoryMap map, IReadOnlyList<LstmLayerEngine> engines)
    {
        Spec = spec;
        Module = module;
        MemoryMap = map;
        Engines = engines;
    }

    public AcceleratorSpec Spec { get; }
    public ModuleIr Module { get; }
    public AcceleratorMemoryMap MemoryMap { get; }
    public AcceleratorFolding Folding => MemoryMap.Folding;
    public IReadOnlyList<LstmLayerEngine> Engines { get; }

    /// <summary>Columns of an input code word: layer 0's balanced input SIMD.</summary>
    public int InputSimd => Folding.Layers[0].Input.Simd;

    /// <summary>s_axis beats of one step: ka codes times the input's column folds.</summary>
    public int InputBeatsPerStep => Spec.ActivationCodes * Folding.Layers[0].Input.ColFolds;

    /// <summary>Width of s_axis_tdata: an ActivationCoefficient above a code word.</summary>
    public int InputBeatWidth => Spec.ActivationCoefficient.Width + InputSimd;

    /// <summary>The format of m_axis_tdata: Hidden for h every step, Gate for logits.</summary>
    public FixedFormat OutputFormat => Spec.Output == OutputMode.HiddenEveryStep ? Spec.Hidden : Spec.Gate;

    /// <summary>
    /// Cycles between the edges that start layer 0 in consecutive steps (one tick of the
    /// wavefront), with the next step's input loaded in time and a ready sink: the slowest
    /// layer's <see cref="LstmLayerEngine.StepCycles"/> plus one cycle to start the next tick.
    /// A tick in which the last layer finishes a sequence's last step takes <see cref="DenseCycles"/> more.
    /// </summary>
    public long CyclesPerStep => Engines.Max(e => e.StepCycles) + AcceleratorFolding.HandoverCycles;

    /// <summary>
    /// Ticks between a step entering layer 0 and the tick in which the last layer works on it:
    /// layers - 1. After a sequence's last step the tail flushes in that many ticks without input.
    /// </summary>
    public int PipelineDepth => Spec.Layers - 1;

    /// <summary>
    /// Extra cycles after a sequence's last step for the logits (0 without), with a ready sink:
    /// the first row fold's issue c = ceil(H / SIMD) kw ka and the unit's tail; then one beat
    /// every max(c, PE) cycles (the output unit hands out one logit a cycle); the lanes of the
    /// last beat up to the last real row; then the output unit's pipeline and the hand-over.
    /// </summary>
    public long DenseCycles
    {
        get
        {
            if (!AcceleratorFolding.HasDense(Spec)) return 0;
            var recurrent = Folding.Layers[^1].Recurrent;
            long fold = (long)recurrent.ColFolds * recurrent.WeightCodes * recurrent.ActivationCodes;
            return fold + Mvu.XnorMvu.TailOf(recurrent) + (recurrent.ExtraRowFolds - 1) * Math.Max(fold, Spec.Pe)
                + (Spec.DenseOutputs - 1) % Spec.Pe + DenseOutputUnit.Latency + AcceleratorFolding.HandoverCycles;
        }
    }

    /// <summary>The formula behind <see cref="CyclesPerStep"/>, as the manifest and docs/ARCHITECTURE.md state it.</summary>
    public const string CyclesPerStepFormula =
        "max over layers of (max(input issue + its tail, recurrent issue + its tail) + 6 (cell) + 1 (re-quantizer takes the last h) + re-quantizer) + 1 (next tick), "
        + "the layers pipelined across steps (layer l on step t, layer l+1 on step t-1); tail = 6, or 6 + PE with shared multipliers (iCE40); "
        + "issue = (4H / PE) * ceil(n / SIMD) * kw * ka, greedy or static re-quantizer = ka * (ceil(H / W) + 1) + 1 with W = SIMD (iCE40: 1, one unit a cycle)";

    /// <summary>What a beat adapter (PE other than 4) adds to each layer's term of <see cref="CyclesPerStepFormula"/>; the manifest states it only then.</summary>
    public const string BeatAdapterFormula =
        "+ adapter: 0 with PE 1 or 2; with PE = 4k, (k - 1) + (4H / PE - 1) * max(0, k - c), c = ceil(n / SIMD) * kw * ka the longer row fold of the layer's two units";

    /// <summary>The ideal behind <see cref="AcceleratorFolding.IdealCyclesPerStep"/>, as the manifest states it.</summary>
    public const string IdealFormula =
        "max over layers of 4H * (n + H) * kw * ka / (PE * (input SIMD + recurrent SIMD)): the bottleneck layer with every lane of its two units busy";

    /// <summary>How much of the matrix-vector units' lanes a step keeps busy: ideal over measured cycles.</summary>
    public double Utilization => Folding.IdealCyclesPerStep / CyclesPerStep;

    public static string ModuleName(AcceleratorSpec spec) => $"lstm_accelerator_{spec.Hash[..8]}";

    public static LstmAccelerator Generate(AcceleratorSpec spec)
    {
        spec.Validate();
        return new Builder(spec).Build();
    }
}
