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
    private readonly StatisticsLines _statistics;

    private BoardSimulator(Process process, string portPath, StderrTail stderr, StatisticsLines statistics)
    {
        _process = process;
        PortPath = portPath;
        _stderr = stderr;
        _statistics = statistics;
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
        var statistics = new StatisticsLines();
        process.ErrorDataReceived += (_, e) =>
        {
            stderr.Add(e.Data);
            statistics.Add(e.Data);
        };
        process.BeginErrorReadLine();
        var line = process.StandardOutput.ReadLineAsync();
        if (!line.Wait(startTimeout ?? TimeSpan.FromSeconds(30)) || line.Result is not { } text || !text.StartsWith("pty ", StringComparison.Ordinal))
        {
            Stop(process);
            throw new SimulationException("the board simulator did not report its pseudo-terminal" + OutputTail.Section("simulator output", stderr.TextAfterEnd(TimeSpan.FromSeconds(2))));
        }
        return new BoardSimulator(process, text[4..], stderr, statistics);
    }

    /// <summary>
    /// The line statistics so far, the board still running (SIGUSR1; the simulator answers
    /// within its 100 ms sleep): subtract two of them to measure one phase of a session.
    /// </summary>
    public BoardLineStatistics Snapshot(TimeSpan? timeout = null)
    {
        long before = _statistics.Count;
        if (_process.HasExited || SendSignal(_process.Id, 10) != 0)
            throw new SimulationException("the board simulator is not running" + OutputTail.Section("simulator output", _stderr.TextAfterEnd(TimeSpan.Zero)));
        return _statistics.WaitAfter(before, timeout ?? TimeSpan.FromSeconds(10))
            ?? throw new SimulationException("the board simulator did not report its line statistics" + OutputTail.Section("simulator output", _stderr.TextAfterEnd(TimeSpan.Zero)));
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

    /// <summary>The statistics lines the simulator printed, the last one kept.</summary>
    private sealed class StatisticsLines
    {
        private readonly object _gate = new();
        private BoardLineStatistics? _last;

        public long Count { get; private set; }

        public void Add(string? line)
        {
            if (line is null || BoardLineStatistics.Parse(line) is not { } statistics) return;
            lock (_gate)
            {
                _last = statistics;
                Count++;
                Monitor.PulseAll(_gate);
            }
        }

        public BoardLineStatistics? WaitAfter(long count, TimeSpan timeout)
        {
            var clock = Stopwatch.StartNew();
            lock (_gate)
            {
                while (Count <= count)
                {
                    var left = timeout - clock.Elapsed;
                    if (left <= TimeSpan.Zero || !Monitor.Wait(_gate, left)) return Count > count ? _last : null;
                }
                return _last;
            }
        }
    }

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int SendSignal(int pid, int signal);
}
