using System.Numerics;
using Fpga.Gen.Cores.Accelerator;
using Fpga.Host.Diagnostics;
using Fpga.Host.Golden;

namespace Fpga.Host.Packing;

/// <summary>One s_axis beat of a step's input: tdata = {G[j], code word}, tuser and tlast as the top defines them.</summary>
public readonly record struct InputBeat(BigInteger Data, bool First, bool Last);

/// <summary>
/// A step's input codes as the accelerator's s_axis beats: code j major, column fold minor,
/// each beat {G[j], SIMD_in code bits}; tuser (first) on the first beat of a sequence's first
/// step, tlast (last) on the last beat of its last step.
/// </summary>
public static class StepBeats
{
    public static IReadOnlyList<InputBeat> Pack(CodedVector input, LstmAccelerator accelerator, bool firstOfSequence, bool lastOfSequence)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(accelerator);
        var spec = accelerator.Spec;
        if (input.Columns != spec.InputSize || input.Codes != spec.ActivationCodes)
            throw new FpgaException($"a step input has {input.Columns} columns and {input.Codes} codes but the accelerator takes {spec.InputSize} and {spec.ActivationCodes}");
        int simd = accelerator.InputSimd, folds = accelerator.Folding.Layers[0].Input.ColFolds, wg = spec.ActivationCoefficient.Width;
        var beats = new List<InputBeat>(accelerator.InputBeatsPerStep);
        for (int j = 0; j < input.Codes; j++)
        {
            var plane = ImagePacker.Columns(input.Plane(j));
            var g = ImagePacker.Bits(input.Coefficients[j], wg);
            for (int cf = 0; cf < folds; cf++)
            {
                bool firstBeat = j == 0 && cf == 0, lastBeat = j == input.Codes - 1 && cf == folds - 1;
                beats.Add(new InputBeat((g << simd) | ImagePacker.Word(plane, cf, simd), firstBeat && firstOfSequence, lastBeat && lastOfSequence));
            }
        }
        return beats;
    }
}
