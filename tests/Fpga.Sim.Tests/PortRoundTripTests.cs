using System.Numerics;
using Fpga.Sim.Verilator;

namespace Fpga.Sim.Tests;

[Collection(SelfTestCollection.Name)]
public sealed class PortRoundTripTests(SelfTestModelFixture fixture)
{
    private static BigInteger AllOnes(int width) => (BigInteger.One << width) - 1;

    [Fact]
    public void HarnessReportsEveryPortWithDirectionAndWidth()
    {
        using var simulation = fixture.Model.Start();
        Assert.Contains(new SimulationPort("clk", PortDirection.Input, 1), simulation.Ports);
        Assert.Contains(new SimulationPort("load_value", PortDirection.Input, 40), simulation.Ports);
        Assert.Contains(new SimulationPort("wide_in", PortDirection.Input, 300), simulation.Ports);
        Assert.Contains(new SimulationPort("count", PortDirection.Output, 40), simulation.Ports);
        Assert.Contains(new SimulationPort("enable_q", PortDirection.Output, 1), simulation.Ports);
        Assert.Contains(new SimulationPort("wide_not", PortDirection.Output, 300), simulation.Ports);
        Assert.Equal(10, simulation.Ports.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void EveryWidthRoundTripsThroughARegister(int seed)
    {
        var random = new Random(seed);
        using var simulation = fixture.StartReset();
        for (var i = 0; i < 20; i++)
        {
            var bit = random.Next(2) == 1;
            var forty = RandomValue(random, SelfTestDesign.CountWidth);
            var wide = RandomValue(random, SelfTestDesign.WideWidth);
            simulation.Set("enable", bit);
            simulation.Set("load", true);
            simulation.Set("load_value", forty);
            simulation.Set("wide_in", wide);
            simulation.Step();
            Assert.Equal(bit ? BigInteger.One : BigInteger.Zero, simulation.Get("enable_q"));
            Assert.Equal(forty, simulation.Get("count"));
            Assert.Equal(wide, simulation.Get("wide_q"));
        }
    }

    [Fact]
    public void ExtremeValuesKeepEveryBit()
    {
        using var simulation = fixture.StartReset();
        foreach (var wide in new[] { BigInteger.Zero, BigInteger.One, BigInteger.One << 299, AllOnes(300), AllOnes(300) ^ (BigInteger.One << 150) })
        {
            simulation.Set("wide_in", wide);
            simulation.Set("load_value", AllOnes(40));
            simulation.Set("load", true);
            simulation.Step();
            Assert.Equal(wide, simulation.Get("wide_q"));
            Assert.Equal(AllOnes(40), simulation.Get("count"));
        }
    }

    [Fact]
    public void CombinationalOutputSettlesWithoutAClockEdge()
    {
        using var simulation = fixture.StartReset();
        var cyclesBefore = simulation.Cycles;
        var value = (BigInteger.One << 299) | 0x1234_5678_9abc_def0UL;
        simulation.Set("wide_in", value);
        Assert.Equal(AllOnes(300) ^ value, simulation.Get("wide_not"));
        Assert.Equal(BigInteger.Zero, simulation.Get("wide_q"));
        Assert.Equal(cyclesBefore, simulation.Cycles);
    }

    [Fact]
    public void RegisteredOutputsChangeOnlyAtTheRisingEdge()
    {
        using var simulation = fixture.StartReset();
        simulation.Set("enable", true);
        simulation.Eval();
        Assert.Equal(BigInteger.Zero, simulation.Get("enable_q"));
        simulation.Step();
        Assert.Equal(BigInteger.One, simulation.Get("enable_q"));
    }

    [Fact]
    public void TopModuleSignalsAreReadableByHierarchicalName()
    {
        using var simulation = fixture.StartReset();
        simulation.Set("enable", true);
        simulation.Step(3);
        Assert.Equal(new BigInteger(3), simulation.Get("selftest_counter.count"));
    }

    private static BigInteger RandomValue(Random random, int width)
    {
        var bytes = new byte[(width + 7) / 8 + 1];
        random.NextBytes(bytes);
        bytes[^1] = 0;
        return new BigInteger(bytes) & AllOnes(width);
    }
}
