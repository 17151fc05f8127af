using Fpga.Host.Cpu;
using Fpga.Host.Models;

namespace Fpga.Host.Tests.Cpu;

public sealed class FloatLstmTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 2)]
    public void StepsMatchTheFloatReferenceForwardPass(int layers, int threads)
    {
        var model = RandomLstmModel.Create(19, 40, layers, 0, seed: layers);
        var inputs = RandomLstmModel.Inputs(1, 6, 19, seed: 8);
        var reference = LstmForwardPass.Run(model, inputs);
        var sequence = new FloatLstm(model, threads, minimumUnitsPerThread: 4).NewSequence();
        for (int t = 0; t < inputs.Steps; t++)
        {
            sequence.Step(inputs.Values.AsSpan(t * 19, 19));
            var expected = reference.AsSpan(t * 40, 40);
            for (int k = 0; k < 40; k++) Assert.Equal(expected[k], sequence.Hidden[k], 1e-5f);
        }
    }
}
