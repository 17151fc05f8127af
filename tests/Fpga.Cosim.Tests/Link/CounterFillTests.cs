using System.Buffers.Binary;
using Fpga.Gen.Cores.Link;
using Fpga.Gen.Spec;
using Fpga.Host.Verification;
using Fpga.Sim.Verilator;

namespace Fpga.Cosim.Tests.Link;

/// <summary>
/// The command engine alone in Verilator: READ_COUNTERS copies the counters into the output
/// buffer over several cycles, and a line event in the middle of that copy is in neither the
/// copy's early nor its late words but counted once afterwards.
/// </summary>
public class CounterFillTests
{
    private const uint AcceleratorCount = 0x12345678;

    [Fact]
    public void AnEventDuringTheFillIsCountedAfterTheSnapshot()
    {
        var options = new LinkOptions(UartOptions.Fast(32), MaxPayload: 256);
        var ports = new AcceleratorPorts(10, 16, 8, 32, ["a"]);
        var spec = new AcceleratorSpec { HiddenSize = 8 }.Validate();
        var engine = CommandEngine.Generate(options, ports, LinkIdentity.For(spec, options, ports), "fill");
        using var work = new TestDirectory();
        var block = GeneratedBlock.Prepare(engine.Module, work.Path);
        Assert.True(block.Lint.Clean, string.Join("\n", block.Lint.Verilator.Concat(block.Lint.Icarus)));
        using var sim = block.Model.Start();
        foreach (var port in sim.Ports.Where(p => p.Name is not ("clk" or "rst") && p.Direction == PortDirection.Input))
            sim.Set(port.Name, 0UL);
        sim.Set("enc_ready", true);
        sim.Set("m_axis_tready", true);
        sim.Set("acc_a", AcceleratorCount);
        sim.Set("rst", true);
        sim.Step(2);
        sim.Set("rst", false);

        // Take the frame, dispatch, then two fill cycles (words 0 and 1); the event comes with word 2.
        var first = ReadCounters(sim, options, seq: 0, beforeEvent: 3);
        int noise = LinkCounters.Names.ToList().IndexOf("noise_bytes");
        Assert.True(noise > 2, "the event must fall before noise_bytes' word is written");
        Assert.Equal(0u, first[noise]);
        Assert.Equal(0u, first[LinkCounters.Names.ToList().IndexOf("frames_applied")]);
        Assert.Equal(AcceleratorCount, first[LinkCounters.Names.Count]);

        var second = ReadCounters(sim, options, seq: 1, beforeEvent: null);
        Assert.Equal(1u, second[noise]);
        Assert.Equal(1u, second[LinkCounters.Names.ToList().IndexOf("frames_applied")]);
        Assert.Equal(AcceleratorCount, second[LinkCounters.Names.Count]);
    }

    /// <summary>One READ_COUNTERS through the descriptor port; pulses ev_junk <paramref name="beforeEvent"/> cycles after the frame is taken.</summary>
    private static uint[] ReadCounters(VerilatorSimulation sim, LinkOptions options, byte seq, int? beforeEvent)
    {
        var descriptor = new System.Numerics.BigInteger((long)FrameType.ReadCounters << 8 | (long)seq << 16);
        Assert.True(sim.Get("frame_ready") == 1);
        sim.Set("frame_data", descriptor);
        sim.Set("frame_valid", true);
        sim.Step();
        sim.Set("frame_valid", false);
        if (beforeEvent is { } cycles)
        {
            sim.Step(cycles);
            Assert.True(sim.Get("enc_valid") == 0, "the fill must still be running when the event comes");
            sim.Set("ev_junk", true);
            sim.Step();
            sim.Set("ev_junk", false);
        }
        Assert.NotNull(sim.StepUntil("enc_valid", 1, 200));
        Assert.Equal((ulong)FrameType.Ack, (ulong)sim.Get("enc_type"));
        int length = (int)sim.Get("enc_len");
        var payload = new byte[length];
        for (int i = 0; i < length; i++)
        {
            sim.Set("pl_addr", (ulong)i);
            sim.Step();
            payload[i] = (byte)sim.Get("pl_data");
        }
        sim.Step(4);
        return Enumerable.Range(0, length / 4).Select(k => BinaryPrimitives.ReadUInt32LittleEndian(payload.AsSpan(4 * k))).ToArray();
    }
}
