using System.Numerics;

namespace Fpga.Sim.Tests;

[Collection(SelfTestCollection.Name)]
public sealed class CounterStepTests(SelfTestModelFixture fixture)
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1000)]
    [InlineData(123_457)]
    public void StepNAdvancesTheCounterByExactlyN(long cycles)
    {
        using var simulation = fixture.StartReset();
        simulation.Set("enable", true);
        var before = simulation.Get("count");
        var cyclesBefore = simulation.Cycles;
        simulation.Step(cycles);
        Assert.Equal(before + cycles, simulation.Get("count"));
        Assert.Equal(cyclesBefore + cycles, simulation.Cycles);
    }

    [Fact]
    public void CounterWrapsAtFortyBits()
    {
        using var simulation = fixture.StartReset();
        simulation.Set("load_value", (1UL << 40) - 2);
        simulation.Set("load", true);
        simulation.Step();
        simulation.Set("load", false);
        simulation.Set("enable", true);
        simulation.Step(3);
        Assert.Equal(BigInteger.One, simulation.Get("count"));
    }

    [Fact]
    public void SynchronousResetClearsTheCounter()
    {
        using var simulation = fixture.StartReset();
        simulation.Set("enable", true);
        simulation.Step(5);
        Assert.Equal(new BigInteger(5), simulation.Get("count"));
        simulation.Set("rst", true);
        Assert.Equal(new BigInteger(5), simulation.Get("count"));
        simulation.Step();
        Assert.Equal(BigInteger.Zero, simulation.Get("count"));
    }

    [Fact]
    public void StepUntilStopsAtTheFirstCycleShowingTheValue()
    {
        using var simulation = fixture.StartReset();
        simulation.Set("enable", true);
        var cyclesBefore = simulation.Cycles;
        Assert.Equal(1000, simulation.StepUntil("count", 1000, maxCycles: 5000));
        Assert.Equal(new BigInteger(1000), simulation.Get("count"));
        Assert.Equal(cyclesBefore + 1000, simulation.Cycles);
        Assert.Equal(0, simulation.StepUntil("count", 1000, maxCycles: 5000));
    }

    [Fact]
    public void StepUntilGivesUpAfterMaxCycles()
    {
        using var simulation = fixture.StartReset();
        simulation.Set("enable", true);
        Assert.Null(simulation.StepUntil("count", 500, maxCycles: 100));
        Assert.Equal(new BigInteger(100), simulation.Get("count"));
    }
}
