using Fpga.Gen.Cores.Link;
using Fpga.Gen.Emit;
using Fpga.Gen.Ir;
using Fpga.Gen.Spec;
using Fpga.Sim.Icarus;
using Fpga.Sim.Verilator;

namespace Fpga.Gen.Tests.Link;

/// <summary>Every link module, and the board top over the stand-in accelerator, is lint clean.</summary>
public class LinkLintTests
{
    public static TheoryData<string> Modules => new(Designs().Select(d => d.Name));

    private static IEnumerable<ModuleIr> Designs()
    {
        var spec = new AcceleratorSpec { HiddenSize = 8 }.Validate();
        var fast = new LinkOptions(UartOptions.Fast(32), MaxPayload: 256);
        yield return UartReceiver.Generate(UartOptions.For(spec)).Module;
        yield return UartTransmitter.Generate(UartOptions.For(spec)).Module;
        yield return FrameDecoder.Generate(fast).Module;
        yield return FrameEncoder.Generate(fast).Module;
        yield return StandInAccelerator.Generate(spec).Module;
        yield return LinkBoard.Generate(spec, fast, StandInAccelerator.Generate(spec).Module).Module;
        yield return LinkBoard.Generate(spec with { Reset = Fpga.Gen.Hdl.ResetStyle.AsyncActiveLow }, LinkOptions.For(spec), StandInAccelerator.Generate(spec with { Reset = Fpga.Gen.Hdl.ResetStyle.AsyncActiveLow }).Module).Module;
        // Engines over other port shapes: one-byte and eight-byte output beats (the counters fill
        // 44 buffer words, or 4.5 padded to 5), a write word of two bytes with a partial top lane.
        foreach (var (name, ports) in new[]
        {
            ("byte_beats", new AcceleratorPorts(10, 12, 8, 8, ["a", "b", "c", "d"])),
            ("wide_beats", new AcceleratorPorts(20, 64, 64, 64, ["a", "b"])),
        })
            yield return CommandEngine.Generate(fast, ports, LinkIdentity.For(spec, fast, ports), name).Module;
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void IsLintClean(string name)
    {
        var top = Designs().Single(d => d.Name == name);
        Fpga.Gen.Tests.Lint.LintAssert.Clean(top);
    }
}
