using Fpga.Gen.Cores.Link;
using Fpga.Gen.Emit;
using Fpga.Gen.Hdl;
using Fpga.Gen.Spec;
using Fpga.Host.Generation;
using Fpga.Host.Verification;
using Fpga.Sim.Board;
using Fpga.Sim.Verilator;

namespace Fpga.Host.Link;

/// <summary>
/// A board top generated, written, verilated with the pseudo-terminal harness (cached) and
/// started: open <see cref="PortPath"/> with <see cref="SerialTransport"/> as a real board.
/// </summary>
public sealed class SimulatedBoard : IDisposable
{
    private SimulatedBoard(LinkBoard board, LinkOptions options, VerilatorModel model, BoardSimulator process)
    {
        Board = board;
        Options = options;
        Model = model;
        Process = process;
    }

    public LinkBoard Board { get; }
    public LinkOptions Options { get; }
    public VerilatorModel Model { get; }
    public BoardSimulator Process { get; }
    public string PortPath => Process.PortPath;

    /// <summary>
    /// Clocks per bit of a simulated line when nobody asks: fast enough that the line does not
    /// dominate a simulation, slow enough for the receiver's 8x oversampling with margin.
    /// </summary>
    public const int DefaultClocksPerBit = 16;

    /// <summary>
    /// The board link of <paramref name="spec"/> for simulation: the spec's own clock and baud
    /// rate when <paramref name="clocksPerBit"/> is null (the true ratio, 104 clocks a bit at
    /// 12 MHz and 115200 baud), else exactly that many clocks a bit.
    /// </summary>
    public static LinkOptions LinkFor(AcceleratorSpec spec, int? clocksPerBit) =>
        clocksPerBit is { } n ? new LinkOptions(UartOptions.Fast(n)).Validate() : LinkOptions.For(spec).Validate();

    /// <summary>The board with the stand-in accelerator (<see cref="StandInAccelerator"/>).</summary>
    public static SimulatedBoard StartStandIn(AcceleratorSpec spec, LinkOptions options, string workDirectory, string? tracePath = null, long maxCycles = 0) =>
        Start(spec, options, StandInAccelerator.Generate(spec).Module, workDirectory, tracePath, maxCycles);

    public static SimulatedBoard Start(AcceleratorSpec spec, LinkOptions options, IModuleInterface accelerator, string workDirectory, string? tracePath = null, long maxCycles = 0)
    {
        var board = LinkBoard.Generate(spec, options, accelerator);
        var files = RtlWriter.Write(Path.Combine(workDirectory, board.Module.Name), VerilogEmitter.EmitHierarchy(board.Module));
        var conventions = board.Module.Conventions;
        var waveform = tracePath is null ? WaveformFormat.None : tracePath.EndsWith(".vcd", StringComparison.OrdinalIgnoreCase) ? WaveformFormat.Vcd : WaveformFormat.Fst;
        var model = GeneratedBlock.Simulate(() => BoardSimulatorBuild.Build(new BoardSimulatorOptions
        {
            Sources = files,
            TopModule = board.Module.Name,
            ResetPort = conventions.ResetName,
            ResetActiveHigh = !conventions.ResetActiveLow,
            Waveform = waveform,
        }));
        var process = GeneratedBlock.Simulate(() => BoardSimulator.Start(model, options.Uart.ClockHz, options.Uart.BaudRate, tracePath, maxCycles));
        return new SimulatedBoard(board, options, model, process);
    }

    public void Dispose() => Process.Dispose();
}
