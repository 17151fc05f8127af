using System.Diagnostics;
using System.Text;

namespace Fpga.Sim.Tools;

/// <summary>
/// Runs a tool to completion with captured output. A timeout or a cancellation kills the whole
/// process tree (Verilator starts make, make starts g++), so nothing outlives the call.
/// </summary>
public static class ProcessRunner
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(10);

    /// <exception cref="SimulationException">The tool could not start or did not finish in time.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled; the process tree was killed.</exception>
    public static ProcessResult Run(string executable, IEnumerable<string> arguments, string? workingDirectory, TimeSpan timeout, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        var startInfo = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        var commandLine = $"{executable} {string.Join(' ', startInfo.ArgumentList)}";

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        // Not disposed: a reader callback may still signal it after a timed-out wait has returned.
        var streamsClosed = new CountdownEvent(2);
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data, streamsClosed);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data, streamsClosed);
        var stopwatch = Stopwatch.StartNew();
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new SimulationException($"cannot start '{executable}': {e.Message}", e);
        }
        // Tools here never read stdin; closing it turns any unexpected prompt into EOF, not a hang.
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        while (!process.WaitForExit(PollInterval))
        {
            if (cancellation.IsCancellationRequested)
            {
                Kill(process);
                cancellation.ThrowIfCancellationRequested();
            }
            if (stopwatch.Elapsed > timeout)
            {
                Kill(process);
                throw new SimulationException(
                    $"'{commandLine}' did not finish within {timeout.TotalSeconds:0.#} s and was killed"
                    + OutputTail.Section("output", Snapshot(stdout) + Snapshot(stderr)));
            }
        }
        // Both readers report end of stream (a null line) once the pipes close; bounded, in case a
        // stray grandchild keeps a pipe open after the tool itself exited.
        streamsClosed.Wait(DrainTimeout);
        return new ProcessResult(process.ExitCode, Snapshot(stdout), Snapshot(stderr), stopwatch.Elapsed);
    }

    private static void Append(StringBuilder builder, string? line, CountdownEvent closed)
    {
        if (line is null)
        {
            closed.Signal();
            return;
        }
        lock (builder)
        {
            builder.Append(line).Append('\n');
        }
    }

    private static string Snapshot(StringBuilder builder)
    {
        lock (builder)
        {
            return builder.ToString();
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(DrainTimeout);
        }
        catch (InvalidOperationException)
        {
            // Already gone: nothing left to stop.
        }
    }
}
