using System.Numerics;
using Fpga.Sim.Verilator;

namespace Fpga.Sim.Tests;

[Collection(SelfTestCollection.Name)]
public sealed class PipelineTests(SelfTestModelFixture fixture)
{
    [Fact]
    public void SampledValuesAreTheValuesAtTheirPlaceInTheCommandStream()
    {
        using var simulation = fixture.StartReset();
        simulation.Set("enable", true);
        var samples = new List<PendingValue>();
        for (var i = 0; i < 5000; i++)
        {
            simulation.Step();
            samples.Add(simulation.Sample("count"));
        }
        // Read back to front: resolving the last value resolves every earlier one on the way.
        for (var i = samples.Count - 1; i >= 0; i--)
        {
            Assert.Equal(new BigInteger(i + 1), samples[i].Value);
        }
    }

    [Fact]
    public void ABatchOfAnswersLargerThanAPipeDoesNotDeadlock()
    {
        using var simulation = fixture.StartReset();
        var samples = new List<(BigInteger Expected, PendingValue Actual)>();
        // About 80 bytes per answer: 20000 answers are megabytes, far beyond any pipe buffer.
        for (var i = 0; i < 20_000; i++)
        {
            var value = (BigInteger.One << 299) + i;
            simulation.Set("wide_in", value);
            simulation.Step();
            samples.Add((value, simulation.Sample("wide_q")));
        }
        foreach (var (expected, actual) in samples)
        {
            Assert.Equal(expected, actual.Value);
        }
    }
}
