using System.Numerics;
using Fpga.Sim.Verilator;

namespace Fpga.Sim.Tests;

[Collection(SelfTestCollection.Name)]
public sealed class HarnessErrorTests(SelfTestModelFixture fixture)
{
    [Fact]
    public void UnknownPortOnGetNamesThePortAndTheRealOnes()
    {
        using var simulation = fixture.Model.Start();
        var error = Assert.Throws<SimulationException>(() => simulation.Get("no_such_port"));
        Assert.Contains("unknown port 'no_such_port'", error.Message);
        Assert.Contains("wide_in", error.Message);
    }

    [Fact]
    public void UnknownPortOnAPipelinedSetSurfacesAtTheNextRead()
    {
        using var simulation = fixture.Model.Start();
        simulation.Set("no_such_port", 1UL);
        simulation.Step(10);
        var error = Assert.Throws<SimulationException>(() => simulation.Cycles);
        Assert.Contains("unknown port 'no_such_port'", error.Message);
        // The harness is gone; every later call repeats the explanation instead of hanging.
        var again = Assert.Throws<SimulationException>(() => simulation.Step());
        Assert.Equal(error.Message, again.Message);
    }

    [Fact]
    public void SettingAnOutputIsRejected()
    {
        using var simulation = fixture.Model.Start();
        simulation.Set("count", 1UL);
        var error = Assert.Throws<SimulationException>(() => simulation.Cycles);
        Assert.Contains("'count' is an output", error.Message);
    }

    [Fact]
    public void AValueWiderThanThePortIsRejected()
    {
        using var simulation = fixture.Model.Start();
        simulation.Set("load_value", BigInteger.One << 40);
        var error = Assert.Throws<SimulationException>(() => simulation.Cycles);
        Assert.Contains("needs 41 bits but port 'load_value' is 40 bits wide", error.Message);
    }

    [Fact]
    public void PortNamesThatWouldBreakTheProtocolAreRejectedLocally()
    {
        using var simulation = fixture.Model.Start();
        Assert.Throws<ArgumentException>(() => simulation.Set("count 1\nstep", 1UL));
        Assert.Throws<ArgumentOutOfRangeException>(() => simulation.Set("wide_in", BigInteger.MinusOne));
        Assert.Equal(0, simulation.Cycles);
    }

    [Fact]
    public void MissingClockPortIsReportedOnStep()
    {
        using var simulation = fixture.Model.Start(new SimulationOptions { ClockPort = "no_clock" });
        Assert.Equal(BigInteger.Zero, simulation.Get("count"));
        simulation.Step();
        var error = Assert.Throws<SimulationException>(() => simulation.Cycles);
        Assert.Contains("no clock port 'no_clock'", error.Message);
    }

    [Fact]
    public void AClockThatIsNotAOneBitInputFailsAtStart()
    {
        var error = Assert.Throws<SimulationException>(() => fixture.Model.Start(new SimulationOptions { ClockPort = "load_value" }));
        Assert.Contains("must be a one-bit input", error.Message);
    }

    [Fact]
    public void AHarnessCrashReportsItsStderr()
    {
        // An unknown +verilator+ argument makes the Verilator runtime abort at start.
        var error = Assert.Throws<SimulationException>(() => fixture.Model.Start(new SimulationOptions { PlusArgs = ["+verilator+no+such+option"] }));
        Assert.Contains("+verilator+no+such+option", error.Message);
        Assert.Contains("harness stderr", error.Message);
    }

    [Fact]
    public void AStuckHarnessTimesOutInsteadOfHanging()
    {
        using var simulation = fixture.Model.Start(new SimulationOptions { ResponseTimeout = TimeSpan.FromMilliseconds(500) });
        simulation.Step(long.MaxValue / 2);
        var started = DateTime.UtcNow;
        var error = Assert.Throws<SimulationException>(() => simulation.Cycles);
        Assert.Contains("did not respond within", error.Message);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void CancellationKillsTheHarness()
    {
        using var cancellation = new CancellationTokenSource();
        using var simulation = fixture.Model.Start(new SimulationOptions { Cancellation = cancellation.Token });
        simulation.Step(long.MaxValue / 2);
        cancellation.CancelAfter(200);
        Assert.ThrowsAny<OperationCanceledException>(() => simulation.Cycles);
    }

    [Fact]
    public void AWaveformNeedsAModelBuiltWithTracing()
    {
        var error = Assert.Throws<SimulationException>(() => fixture.Model.Start(new SimulationOptions { WaveformPath = "unused.vcd" }));
        Assert.Contains("built without", error.Message);
    }

    [Fact]
    public void ADisposedSimulationRefusesCommands()
    {
        var simulation = fixture.Model.Start();
        simulation.Dispose();
        simulation.Dispose();
        Assert.Throws<ObjectDisposedException>(() => simulation.Step());
    }
}
