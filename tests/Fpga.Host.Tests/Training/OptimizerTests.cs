using Fpga.Host.Training;

namespace Fpga.Host.Tests.Training;

public sealed class OptimizerTests
{
    [Fact]
    public void ClippingRescalesTheGlobalNormAndSgdStepsAgainstTheGradient()
    {
        var a = new TrainableTensor("a", [2], [1f, 1f]);
        var b = new TrainableTensor("b", [1], [0f]);
        a.Gradient[0] = 3f;
        b.Gradient[0] = 4f;
        var sgd = new SgdOptimizer([a, b], learningRate: 0.5f, clipNorm: 1f);
        Assert.Equal(5.0, sgd.Step(), 6);
        Assert.Equal(1f - 0.5f * 0.6f, a.Value[0], 6);
        Assert.Equal(1f, a.Value[1]);
        Assert.Equal(-0.5f * 0.8f, b.Value[0], 6);
        Assert.All(a.Gradient.Concat(b.Gradient), g => Assert.Equal(0f, g));
    }

    [Fact]
    public void AdamMinimizesAQuadratic()
    {
        var w = new TrainableTensor("w", [3], [2f, -1f, 0.5f]);
        var adam = new AdamOptimizer([w], learningRate: 0.05f, clipNorm: 0f);
        for (int i = 0; i < 500; i++)
        {
            for (int j = 0; j < 3; j++) w.Gradient[j] = 2 * (w.Value[j] - j);
            adam.Step();
        }
        for (int j = 0; j < 3; j++) Assert.Equal(j, w.Value[j], 1);
    }

    [Fact]
    public void DropoutKeepsTheExpectationAndZeroesAboutTheRate()
    {
        var mask = new float[20000];
        DropoutMask.Fill(mask, 0.25f, new Random(1));
        Assert.InRange(mask.Count(m => m == 0) / 20000.0, 0.23, 0.27);
        Assert.InRange(mask.Average(), 0.97, 1.03);
        Assert.Throws<ArgumentOutOfRangeException>(() => DropoutMask.Fill(mask, 1f, new Random(1)));
    }
}
