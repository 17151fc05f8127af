using System.Numerics.Tensors;
using Fpga.Host.Diagnostics;

namespace Fpga.Host.Training;

/// <summary>
/// Knowledge distillation (Hinton et al. 2015) from a float teacher: the loss the gradients follow is
/// (1 - <see cref="Weight"/>) times the cross-entropy with the labels plus <see cref="Weight"/> times
/// T^2 times the cross-entropy between the teacher's and the student's softmax at temperature T.
/// Its gradient with respect to the student's logits is (1 - w)(p - y) + w T (p_T - q_T).
/// The teacher runs in float without dropout; reported losses stay the plain label cross-entropy.
/// </summary>
public sealed record Distillation(LstmNetwork Teacher, float Weight, float Temperature)
{
    public void Validate()
    {
        if (!(Weight is > 0 and <= 1)) throw new FpgaException($"distillation weight must be in (0, 1], not {Weight}");
        if (!(Temperature >= 1)) throw new FpgaException($"distillation temperature must be at least 1, not {Temperature}");
    }

    /// <summary>Softmax at temperature T from softmax at temperature 1, row by row in place: p^(1/T), renormalized.</summary>
    public static void Soften(Span<float> probabilities, int classes, float temperature)
    {
        if (temperature == 1f) return;
        float power = 1f / temperature;
        for (int r = 0; r < probabilities.Length / classes; r++)
        {
            var row = probabilities.Slice(r * classes, classes);
            TensorPrimitives.Pow(row, power, row);
            TensorPrimitives.Divide(row, TensorPrimitives.Sum(row), row);
        }
    }

    /// <summary>
    /// Turns dL/dlogits of the label loss, (p - y) in <paramref name="dLogits"/>, into the gradient of
    /// the distillation loss, given the student's softmax <paramref name="probabilities"/> at T = 1
    /// and the teacher's at temperature T (<paramref name="teacherSoft"/>). Works a row at a time,
    /// so a language model's 700 x 10,002 outputs need no second full-size buffer.
    /// </summary>
    public void Blend(Span<float> dLogits, ReadOnlySpan<float> probabilities, ReadOnlySpan<float> teacherSoft, int classes)
    {
        if (probabilities.Length != dLogits.Length || teacherSoft.Length != dLogits.Length)
            throw new ArgumentException($"expected {dLogits.Length} probabilities from student and teacher");
        var studentSoft = new float[classes];
        for (int r = 0; r < dLogits.Length / classes; r++)
        {
            probabilities.Slice(r * classes, classes).CopyTo(studentSoft);
            Soften(studentSoft, classes, Temperature);
            TensorPrimitives.Subtract(studentSoft, teacherSoft.Slice(r * classes, classes), studentSoft);
            var d = dLogits.Slice(r * classes, classes);
            TensorPrimitives.Multiply(d, 1f - Weight, d);
            TensorPrimitives.MultiplyAdd(studentSoft, Weight * Temperature, d, d);
        }
    }
}
