using Fpga.Gen.Spec;
using Fpga.Host.Diagnostics;
using Fpga.Host.Golden;
using Fpga.Host.Models;
using Fpga.Host.Quantization;

namespace Fpga.Host.Cpu;

/// <summary>
/// The quantized LSTM on the CPU: the integer pipeline of docs/NUMERICS.md, the same results as
/// <see cref="GoldenLstm"/> bit for bit, computed on bit-packed planes with vectorized
/// XNOR-popcount kernels and threads across hidden units (or across the sequences of a batch).
/// It checks no intermediate width: the contract bounds them and the golden model checks them;
/// this engine refuses specs that leave less than one bit of 64-bit headroom instead.
/// </summary>
public sealed class CpuLstm
{
    /// <summary>Its rearranged product n * sum A * sum G - 2 * sum A G popcount is bounded by twice the accumulator.</summary>
    private const int MaxWidth = 62;

    public CpuLstm(ModelImage image, CpuLstmOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        Options = options ?? new CpuLstmOptions();
        if (!PopcountIsas.IsSupported(Options.Isa))
            throw new FpgaException($"this processor does not run the {Options.Isa} popcount path; use {PopcountIsas.Best}");
        if (image.Spec.WeightCodes > XnorKernels.MaxCodes || image.Spec.ActivationCodes > XnorKernels.MaxCodes)
            throw new FpgaException($"the CPU engine takes 1 to {XnorKernels.MaxCodes} codes per weight and activation");
        Image = image;
        Widths = DerivedWidths.For(image.Spec);
        if (Widths.Widest > MaxWidth)
            throw new FpgaException($"the spec needs {Widths.Widest}-bit intermediate values; the CPU engine computes in 64 bits with a bit of headroom: narrow the coefficient formats");
        var spec = image.Spec;
        if (spec.Requantization is not (HiddenRequantization.Greedy or HiddenRequantization.Static))
            throw new FpgaException($"the CPU engine re-quantizes greedy or static, not {spec.Requantization}");
        Layers = image.Layers.Select(CpuLayer.From).ToArray();
        Dense = image.Dense is { } dense ? new PackedMatrix(dense.Weights) : null;
        var tables = NonlinearityTables.For(spec);
        GateSigmoid = NonlinearityLookup.Sigmoid(tables, spec.Gate);
        GateTanh = NonlinearityLookup.Tanh(tables, spec.Gate);
        CellTanh = NonlinearityLookup.Tanh(tables, spec.Cell);
    }

    public ModelImage Image { get; }
    public AcceleratorSpec Spec => Image.Spec;
    public CpuLstmOptions Options { get; }
    public DerivedWidths Widths { get; }

    internal IReadOnlyList<CpuLayer> Layers { get; }
    internal PackedMatrix? Dense { get; }
    internal NonlinearityLookup GateSigmoid { get; }
    internal NonlinearityLookup GateTanh { get; }
    internal NonlinearityLookup CellTanh { get; }

    /// <summary>Bytes of packed weights and coefficients the engine streams per step (biases and tables excluded).</summary>
    public long WeightBytes => Layers.Sum(l => l.Input.Bytes + l.Hidden.Bytes) + (Dense?.Bytes ?? 0);

    /// <summary>A sequence in reset-state whose layer steps use <paramref name="threads"/> threads (the options' count by default).</summary>
    public CpuLstmSequence NewSequence(int? threads = null) => new(this, threads ?? Options.Threads);

    /// <summary>One sequence of already quantized inputs from reset-state, as <see cref="GoldenLstm.RunSequence"/>.</summary>
    public GoldenOutput RunSequence(IReadOnlyList<CodedVector> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Count == 0) throw new FpgaException("a sequence needs at least one step");
        var sequence = NewSequence();
        var outputs = new List<long[]>();
        for (int t = 0; t < steps.Count; t++)
        {
            sequence.Step(steps[t]);
            Collect(sequence, outputs, t == steps.Count - 1);
        }
        return new GoldenOutput(Spec.Output, outputs);
    }

    /// <summary>
    /// Every sequence of a batch of float features, each step quantized online with
    /// <paramref name="inputMethod"/> (layer 0's activation method) as the host does for the chip.
    /// With more than one sequence the threads share the sequences, otherwise the rows.
    /// </summary>
    public IReadOnlyList<GoldenOutput> Run(LstmSequenceBatch batch, ActivationQuantization inputMethod)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(inputMethod);
        if (batch.Values is null) throw new FpgaException("the accelerator takes float feature vectors, not token ids");
        var results = new GoldenOutput[batch.Batch];
        var split = new WorkSplit(Options.Threads, 1);
        int rowThreads = split.PartsFor(batch.Batch) > 1 ? 1 : Options.Threads;
        split.Run(batch.Batch, (first, end) =>
        {
            var sequence = NewSequence(rowThreads);
            for (int b = first; b < end; b++)
            {
                sequence.Reset();
                var outputs = new List<long[]>();
                for (int t = 0; t < batch.Steps; t++)
                {
                    sequence.Step(batch.Values.AsSpan((b * batch.Steps + t) * batch.Features, batch.Features), inputMethod);
                    Collect(sequence, outputs, t == batch.Steps - 1);
                }
                results[b] = new GoldenOutput(Spec.Output, outputs);
            }
        });
        return results;
    }

    private void Collect(CpuLstmSequence sequence, List<long[]> outputs, bool last)
    {
        if (Spec.Output == OutputMode.HiddenEveryStep) outputs.Add(sequence.Hidden.ToArray());
        else if (last) outputs.Add(sequence.Logits());
    }
}
