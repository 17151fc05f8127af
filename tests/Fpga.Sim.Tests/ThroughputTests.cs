using System.Diagnostics;
using System.Numerics;
using Fpga.Sim.Verilator;
using Xunit.Abstractions;

namespace Fpga.Sim.Tests;

/// <summary>
/// Checks the results of long runs and reports cycles per second in the test output
/// (dotnet test --logger "console;verbosity=detailed"); the figures are for reading, not asserting,
/// since machine load decides them.
/// </summary>
[Collection(SelfTestCollection.Name)]
public sealed class ThroughputTests(SelfTestModelFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public void PureSteppingOneCommandPerCycle()
    {
        const int cycles = 1_000_000;
        using var simulation = fixture.StartReset();
        simulation.Set("enable", true);
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < cycles; i++)
        {
            simulation.Step();
        }
        Assert.Equal(new BigInteger(cycles), simulation.Get("count"));
        Report("step 1 per cycle", cycles, stopwatch);
    }

    [Fact]
    public void PureSteppingOneCommand()
    {
        const int cycles = 5_000_000;
        using var simulation = fixture.StartReset();
        simulation.Set("enable", true);
        var stopwatch = Stopwatch.StartNew();
        simulation.Step(cycles);
        Assert.Equal(new BigInteger(cycles), simulation.Get("count"));
        Report("one step N", cycles, stopwatch);
    }

    [Fact]
    public void SetStepSamplePipelined()
    {
        const int cycles = 300_000;
        using var simulation = fixture.StartReset();
        var stopwatch = Stopwatch.StartNew();
        var window = new Queue<(ulong Expected, PendingValue Actual)>();
        for (var i = 0; i < cycles; i++)
        {
            var value = (ulong)i * 0x9E3779B97F4A7C15UL;
            simulation.Set("wide_in", value);
            simulation.Step();
            window.Enqueue((value, simulation.Sample("wide_q")));
            // Checking as the run goes keeps memory flat; a window keeps the pipe full.
            if (window.Count == 4096)
            {
                var (expected, actual) = window.Dequeue();
                Assert.Equal(new BigInteger(expected), actual.Value);
            }
        }
        while (window.TryDequeue(out var entry))
        {
            Assert.Equal(new BigInteger(entry.Expected), entry.Actual.Value);
        }
        Report("set + step + sample (300-bit) pipelined", cycles, stopwatch);
    }

    [Fact]
    public void SetStepGetLockstep()
    {
        const int cycles = 20_000;
        using var simulation = fixture.StartReset();
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < cycles; i++)
        {
            simulation.Set("wide_in", (ulong)i);
            simulation.Step();
            Assert.Equal(new BigInteger(i), simulation.Get("wide_q"));
        }
        Report("set + step + get (300-bit), waiting for each answer", cycles, stopwatch);
    }

    private void Report(string what, long cycles, Stopwatch stopwatch) =>
        output.WriteLine($"{what}: {cycles} cycles in {stopwatch.Elapsed.TotalSeconds:0.000} s = {cycles / stopwatch.Elapsed.TotalSeconds:N0} cycles/s");
}
