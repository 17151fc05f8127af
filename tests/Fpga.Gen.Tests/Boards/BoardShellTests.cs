using Fpga.Gen.Boards;
using Fpga.Gen.Boards.Clocking;
using Fpga.Gen.Emit;
using Fpga.Gen.Hdl;
using Fpga.Gen.Ir;
using Fpga.Gen.Tests.Lint;

namespace Fpga.Gen.Tests.Boards;

public class BoardShellTests
{
    public static TheoryData<string> Boards => new(SupportedBoards.All.Select(b => b.Name));

    internal static ModuleIr Shell(Board board, long clockHz, DesignConventions? conventions = null)
    {
        conventions ??= DesignConventions.Default;
        var plan = board.PlanClock(clockHz);
        return BoardShell.Generate(board, LoopbackCore.Generate(conventions), ClockGenerator.Generate(board, plan), ResetSynchronizer.Generate(conventions), conventions);
    }

    [Theory]
    [MemberData(nameof(Boards))]
    public void ShellPortsAreExactlyTheConstrainedPins(string name)
    {
        var board = SupportedBoards.ByName(name);
        var shell = Shell(board, 40_000_000);
        var pinPorts = board.Pins.Select(p => p.Port.Split('[')[0]).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(pinPorts, shell.Ports.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(board.Leds.Count, shell.Ports.Single(p => p.Name == "led").Type.Width);
    }

    [Theory]
    [MemberData(nameof(Boards))]
    public void ShellIsLintCleanAgainstTheVendorPrimitives(string name)
    {
        var board = SupportedBoards.ByName(name);
        foreach (var conventions in new[] { DesignConventions.Default, new DesignConventions(ResetStyle.AsyncActiveLow) })
        {
            // yosys declares the Xilinx primitives in SystemVerilog (module X (...);), which
            // Icarus in 2005 mode cannot read; our files themselves are Verilog-2005 either way.
            LintAssert.Clean(Shell(board, 50_000_000, conventions), writeLibrary: directory => VendorPrimitiveModels.Write(board.Family, directory),
                icarus: board.Family != FpgaFamily.Artix7);
        }
    }

    [Fact]
    public void ActiveLowLedsAreInvertedAndTheButtonStartsTheReset()
    {
        var text = VerilogEmitter.Emit(Shell(SupportedBoards.IceBreaker, 40_000_000));
        Assert.Contains("~reset_button", text, StringComparison.Ordinal);
        Assert.Contains("~pll_locked", text, StringComparison.Ordinal);
        Assert.Matches(@"assign led = \{~core_status\[1\], ~core_status\[0\]\}", text);
    }

    [Fact]
    public void ACoreWithoutAUartIsRefusedByName()
    {
        var m = new ModuleBuilder("no_uart");
        var o = m.Output("uart_tx", 1);
        m.Assign(o, m.Reset);
        _ = m.Clock;
        var board = SupportedBoards.IceBreaker;
        var e = Assert.Throws<ArgumentException>(() => BoardShell.Generate(board, m.Build(), ClockGenerator.Generate(board, board.PlanClock(40_000_000)),
            ResetSynchronizer.Generate(DesignConventions.Default), DesignConventions.Default));
        Assert.Contains("uart_rx", e.Message, StringComparison.Ordinal);
    }
}
