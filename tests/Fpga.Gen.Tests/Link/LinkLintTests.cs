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
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void IsLintClean(string name)
    {
        var top = Designs().Single(d => d.Name == name);
        Fpga.Gen.Tests.Lint.LintAssert.Clean(top);
    }
}
