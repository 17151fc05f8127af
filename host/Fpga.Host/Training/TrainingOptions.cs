using Fpga.Host.Diagnostics;

namespace Fpga.Host.Training;

/// <summary>Which optimizer updates the weights.</summary>
public enum OptimizerKind
{
    Sgd,
    Adam,
}

/// <summary>
/// How to train: epochs, batch size, BPTT window (language models), optimizer and learning rate
/// (multiplied by <see cref="LearningRateDecay"/> after every epoch from <see cref="DecayFromEpoch"/> on,
/// optionally falling linearly to zero over the run's steps), gradient-norm clipping, dropout, seed, quantization in the forward pass, distillation from a teacher, and parameter averaging.
/// </summary>
public sealed record TrainingOptions
{
    public int Epochs { get; init; } = 1;
    public int BatchSize { get; init; } = 64;
    public int BpttSteps { get; init; } = 35;
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;
    public float LearningRate { get; init; } = 1e-3f;
    public float LearningRateDecay { get; init; } = 1f;
    public int DecayFromEpoch { get; init; } = 1;

    /// <summary>Within the run, scale each step's rate by 1 - step / steps, so it reaches zero at the end.</summary>
    public bool LinearDecay { get; init; }

    public float ClipNorm { get; init; } = 5f;
    public float Dropout { get; init; }
    public int Seed { get; init; } = 1;
    public QuantizationAware Quantization { get; init; } = QuantizationAware.None;

    /// <summary>A float teacher whose softened outputs the student also learns from (classifiers only); null for none.</summary>
    public Distillation? Distillation { get; init; }

    /// <summary>From this epoch on, average the parameters over every optimizer step and end with the mean (<see cref="ParameterAverage"/>); null for none.</summary>
    public int? AverageFromEpoch { get; init; }

    public void Validate()
    {
        if (Epochs < 1) throw new FpgaException($"epochs must be at least 1, not {Epochs}");
        if (BatchSize < 1) throw new FpgaException($"batch size must be at least 1, not {BatchSize}");
        if (BpttSteps < 1) throw new FpgaException($"BPTT steps must be at least 1, not {BpttSteps}");
        if (!(LearningRate > 0)) throw new FpgaException($"learning rate must be positive, not {LearningRate}");
        if (!(LearningRateDecay > 0 && LearningRateDecay <= 1)) throw new FpgaException($"learning-rate decay must be in (0, 1], not {LearningRateDecay}");
        if (Dropout is < 0 or >= 1) throw new FpgaException($"dropout must be in [0, 1), not {Dropout}");
        Quantization.Weights?.Validate();
        Quantization.Activations?.Validate();
        Distillation?.Validate();
        if (AverageFromEpoch is { } a && (a < 1 || a > Epochs)) throw new FpgaException($"averaging must start at an epoch from 1 to {Epochs}, not {a}");
    }

    public Optimizer CreateOptimizer(LstmNetwork network)
    {
        var parameters = network.Parameters.ToArray();
        return Optimizer switch
        {
            OptimizerKind.Sgd => new SgdOptimizer(parameters, LearningRate, ClipNorm),
            _ => new AdamOptimizer(parameters, LearningRate, ClipNorm),
        };
    }

    /// <summary>The rate of step <paramref name="step"/> (from 0) of <paramref name="steps"/> in the whole run, in an epoch whose rate is <paramref name="epochRate"/>.</summary>
    public float LearningRateAt(float epochRate, long step, long steps) =>
        LinearDecay ? (float)(epochRate * (1 - (double)Math.Clamp(step, 0, steps) / Math.Max(1, steps))) : epochRate;

    public float LearningRateAt(int epoch) => LearningRate * MathF.Pow(LearningRateDecay, Math.Max(0, epoch - DecayFromEpoch + 1));
}
