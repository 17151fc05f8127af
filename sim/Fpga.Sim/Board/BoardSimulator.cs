using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Fpga.Sim.Tools;
using Fpga.Sim.Verilator;

namespace Fpga.Sim.Board;

/// <summary>
/// A running simulated board: the process and the pseudo-terminal it opened. Disposing stops
/// it with SIGTERM (so a waveform is closed properly), then kills it if it does not exit.
/// </summary>
public sealed class BoardSimulator : IDisposable
{
    private readonly Process _process;
    private readonly StderrTail _stderr;

    private BoardSimulator(Process process, string portPath, StderrTail stderr)
    {
        _process = process;
        PortPath = portPath;
        _stderr = stderr;
    }

    /// <summary>The pseudo-terminal to open as a serial port.</summary>
    public string PortPath { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>What the simulator wrote to stderr so far (why it stopped, if it did).</summary>
    public string Diagnostics => _stderr.TextAfterEnd(TimeSpan.Zero);

    /// <param name="clockHz">The clock and baud rate the board was generated for: the simulator times the line's bits from them.</param>
    public static BoardSimulator Start(VerilatorModel model, long clockHz, long baudRate, string? tracePath = null, long maxCycles = 0, TimeSpan? startTimeout = null)
    {
        var info = new ProcessStartInfo(model.BinaryPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--clock-hz", clockHz.ToString(CultureInfo.InvariantCulture), "--baud", baudRate.ToString(CultureInfo.InvariantCulture) })
            info.ArgumentList.Add(argument);
        if (tracePath is not null)
        {
            info.ArgumentList.Add("--trace");
            info.ArgumentList.Add(tracePath);
        }
        if (maxCycles > 0)
        {
            info.ArgumentList.Add("--max-cycles");
            info.ArgumentList.Add(maxCycles.ToString(CultureInfo.InvariantCulture));
        }
        var process = Process.Start(info) ?? throw new SimulationException($"cannot start '{model.BinaryPath}'");
        var stderr = new StderrTail();
        process.ErrorDataReceived += (_, e) => stderr.Add(e.Data);
        process.BeginErrorReadLine();
        var line = process.StandardOutput.ReadLineAsync();
        if (!line.Wait(startTimeout ?? TimeSpan.FromSeconds(30)) || line.Result is not { } text || !text.StartsWith("pty ", StringComparison.Ordinal))
        {
            Stop(process);
            throw new SimulationException("the board simulator did not report its pseudo-terminal" + OutputTail.Section("simulator output", stderr.TextAfterEnd(TimeSpan.FromSeconds(2))));
        }
        return new BoardSimulator(process, text[4..], stderr);
    }

    /// <summary>Stops the simulator and returns the line statistics it printed.</summary>
    public BoardLineStatistics Stop()
    {
        Stop(_process);
        return BoardLineStatistics.Parse(_stderr.TextAfterEnd(TimeSpan.FromSeconds(5)))
            ?? throw new SimulationException("the board simulator stopped without its statistics" + OutputTail.Section("simulator output", _stderr.TextAfterEnd(TimeSpan.Zero)));
    }

    public void Dispose()
    {
        Stop(_process);
        _process.Dispose();
    }

    private static void Stop(Process process)
    {
        if (process.HasExited) return;
        _ = SendSignal(process.Id, 15);
        if (!process.WaitForExit(TimeSpan.FromSeconds(5))) process.Kill();
        process.WaitForExit();
    }

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int SendSignal(int pid, int signal);
}
