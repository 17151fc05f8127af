using System.Diagnostics;

namespace Fpga.Sim.Verilator;

/// <summary>
/// The harness child process as a byte pipe in and a line queue out, every wait bounded. It
/// knows nothing of the protocol beyond "error " lines, which it looks for when the process
/// stops so the caller can say why.
/// </summary>
internal sealed class HarnessProcess : IDisposable
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    private readonly Process process;
    private readonly Stream input;
    private readonly ResponseLines output;
    private readonly StderrTail stderr;
    private readonly Watchdog writeWatchdog;
    private readonly CancellationTokenRegistration cancellationRegistration;
    private readonly TimeSpan timeout;
    private readonly CancellationToken cancellation;

    private HarnessProcess(Process process, StderrTail stderr, TimeSpan timeout, CancellationToken cancellation)
    {
        this.process = process;
        this.stderr = stderr;
        this.timeout = timeout;
        this.cancellation = cancellation;
        input = process.StandardInput.BaseStream;
        output = new ResponseLines(process.StandardOutput, $"fpga-sim {process.Id} stdout");
        writeWatchdog = new Watchdog(Kill);
        cancellationRegistration = cancellation.Register(Kill);
    }

    /// <exception cref="SimulationException">The binary cannot be started.</exception>
    public static HarnessProcess Start(string binaryPath, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellation)
    {
        var startInfo = new ProcessStartInfo(binaryPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        var stderr = new StderrTail();
        var process = new Process { StartInfo = startInfo };
        process.ErrorDataReceived += (_, e) => stderr.Add(e.Data);
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            process.Dispose();
            throw new SimulationException($"cannot start the harness '{binaryPath}': {e.Message}", e);
        }
        process.BeginErrorReadLine();
        return new HarnessProcess(process, stderr, timeout, cancellation);
    }

    /// <exception cref="HarnessStoppedException">The harness stopped reading: failed, crashed, killed or stuck.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the harness was killed.</exception>
    public void Write(ReadOnlySpan<byte> commands)
    {
        writeWatchdog.Arm(timeout);
        try
        {
            input.Write(commands);
            input.Flush();
        }
        catch (IOException)
        {
            throw Stopped(writeWatchdog.Expired);
        }
        finally
        {
            writeWatchdog.Disarm();
        }
    }

    /// <exception cref="HarnessStoppedException">No line within the timeout, or the harness ended.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the harness was killed.</exception>
    public string ReadLine()
    {
        string? line;
        try
        {
            line = output.Take(timeout, cancellation);
        }
        catch (TimeoutException)
        {
            throw Stopped(timedOut: true);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw;
        }
        return line ?? throw Stopped(timedOut: false);
    }

    /// <summary>Kills the harness and returns what it left on stderr, for an error message.</summary>
    public string KillAndCollectStderr()
    {
        Kill();
        process.WaitForExit(ShutdownTimeout);
        return stderr.TextAfterEnd(ShutdownTimeout);
    }

    private HarnessStoppedException Stopped(bool timedOut)
    {
        cancellation.ThrowIfCancellationRequested();
        if (timedOut)
        {
            return new HarnessStoppedException(
                $"the harness did not respond within {timeout.TotalSeconds:0.#} s and was killed "
                + "(a stuck design, or more queued simulation than the timeout allows: raise SimulationOptions.ResponseTimeout)");
        }
        // It usually stopped on purpose: the first failing command answers "error ..." and exits.
        var error = output.Rest(ShutdownTimeout).FirstOrDefault(line => line.StartsWith(HarnessStoppedException.ErrorPrefix, StringComparison.Ordinal));
        if (error is not null)
        {
            return HarnessStoppedException.Rejected(error);
        }
        var exit = process.WaitForExit(ShutdownTimeout) ? $"exit code {process.ExitCode}" : "still running";
        return new HarnessStoppedException($"the harness stopped unexpectedly ({exit})");
    }

    private void Kill()
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already exited: nothing to stop.
        }
    }

    /// <summary>Closes the harness's input (it exits at end of input) and kills it if it does not exit promptly.</summary>
    public void Dispose()
    {
        try
        {
            input.Close();
        }
        catch (IOException)
        {
            // Already gone.
        }
        if (!process.WaitForExit(ShutdownTimeout))
        {
            Kill();
            process.WaitForExit(ShutdownTimeout);
        }
        output.Join(ShutdownTimeout);
        output.Dispose();
        cancellationRegistration.Dispose();
        writeWatchdog.Dispose();
        process.Dispose();
    }
}
