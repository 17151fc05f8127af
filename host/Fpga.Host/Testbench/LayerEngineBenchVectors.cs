using System.Numerics;
using Fpga.Gen.Testbench;
using Fpga.Host.Golden;
using Fpga.Host.Verification;

namespace Fpga.Host.Testbench;

/// <summary>
/// The layer engine's vector files from a model image and coded input sequences: the image
/// writes (<see cref="LayerEngineImage"/>, shared with the co-simulation), per step the x and g
/// writes then a start, and the hidden values the golden model computes, step by step.
/// </summary>
public static class LayerEngineBenchVectors
{
    public static BenchVectors Build(LayerEngineBench layout, ModelImage image, IReadOnlyList<IReadOnlyList<CodedVector>> sequences, IReadOnlyList<bool> ready)
    {
        var engine = layout.Engine;
        var spec = engine.Spec;
        var imageEntries = LayerEngineImage.Writes(engine, image).Select(w => layout.ImageEntry(w.Target, w.Address, w.Data)).ToArray();
        var inputs = new List<BigInteger>();
        var expected = new List<BigInteger>();
        var golden = new GoldenLstm(image);
        int steps = 0;
        foreach (var sequence in sequences)
        {
            var trace = new List<GoldenStepTrace>();
            golden.RunSequence(sequence, trace);
            for (int t = 0; t < sequence.Count; t++)
            {
                foreach (var w in LayerEngineImage.StepWrites(engine, sequence[t]))
                    inputs.Add(layout.InputEntry(w.Coefficient ? LayerInputOp.ActivationCoefficient : LayerInputOp.ActivationWord, w.Address, w.Data));
                inputs.Add(layout.InputEntry(LayerInputOp.Start, 0, t == 0 ? BigInteger.One : BigInteger.Zero));
                expected.AddRange(trace[t].Layers[0].Hidden.Select(v => TwosComplement.Bits(v, spec.Hidden.Width)));
                steps++;
            }
        }
        return new BenchVectors(imageEntries, inputs, expected, ready, steps);
    }
}
