using System.Numerics;
using Fpga.Gen.Testbench;
using Fpga.Host.Golden;
using Fpga.Host.Packing;
using Fpga.Host.Verification;

namespace Fpga.Host.Testbench;

/// <summary>
/// The accelerator top's vector files from a model image and coded input sequences: the
/// image packer's writes, every step's s_axis beats (<see cref="StepBeats"/>, tuser on a
/// sequence's first beat, tlast on its last), and every value the golden model says leaves
/// m_axis (all layers; the logits when the spec has them), as the co-simulation uses them.
/// </summary>
public static class AcceleratorBenchVectors
{
    public static BenchVectors Build(AcceleratorBench layout, ModelImage image, IReadOnlyList<IReadOnlyList<CodedVector>> sequences, IReadOnlyList<bool> ready)
    {
        var accelerator = layout.Accelerator;
        var imageEntries = ImagePacker.Pack(image, accelerator.MemoryMap).Select(w => layout.ImageEntry(w.Address, w.Data)).ToArray();
        var inputs = new List<BigInteger>();
        var expected = new List<BigInteger>();
        var golden = new GoldenLstm(image);
        int steps = 0;
        foreach (var sequence in sequences)
        {
            for (int t = 0; t < sequence.Count; t++)
            {
                foreach (var beat in StepBeats.Pack(sequence[t], accelerator, t == 0, t == sequence.Count - 1))
                    inputs.Add(layout.InputEntry(beat.Data, beat.First, beat.Last));
                steps++;
            }
            foreach (var vector in golden.RunSequence(sequence).Values)
                expected.AddRange(vector.Select(v => TwosComplement.Bits(v, accelerator.OutputFormat.Width)));
        }
        return new BenchVectors(imageEntries, inputs, expected, ready, steps);
    }
}
