using Fpga.Gen.Spec;

namespace Fpga.Host.Golden;

/// <summary>
/// What the accelerator streams out for one sequence: with <see cref="OutputMode.HiddenEveryStep"/>
/// the last layer's h (Hidden integers) after every step, with <see cref="OutputMode.LogitsAtEnd"/>
/// one vector of logits (Gate integers) after the last step.
/// </summary>
public sealed record GoldenOutput(OutputMode Mode, IReadOnlyList<long[]> Values)
{
    /// <summary>The fraction of the integers: FH for hidden states, FZ for logits.</summary>
    public static int Fraction(AcceleratorSpec spec, OutputMode mode) =>
        mode == OutputMode.HiddenEveryStep ? spec.Hidden.Fraction : spec.Gate.Fraction;

    /// <summary>The real values, integer * 2^-fraction, vectors one after another.</summary>
    public float[] Dequantize(AcceleratorSpec spec)
    {
        int fraction = Fraction(spec, Mode);
        return Values.SelectMany(v => v).Select(x => (float)Math.ScaleB(x, -fraction)).ToArray();
    }
}
