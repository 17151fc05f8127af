using System.Diagnostics;
using System.Numerics;

namespace Fpga.Sim.Verilator;

/// <summary>
/// One running harness process. Commands are buffered and streamed; only reads (<see cref="Get"/>,
/// <see cref="PendingValue.Value"/>, <see cref="Cycles"/>) wait for the harness, so a caller can
/// queue whole stimulus sequences at pipe speed. Every wait is bounded by
/// <see cref="SimulationOptions.ResponseTimeout"/>. After the first failure the harness is gone
/// and every further call throws the same explanation. Not thread-safe.
/// </summary>
public sealed class VerilatorSimulation : IDisposable
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    private readonly Process process;
    private readonly Stream input;
    private readonly ResponseLines responses;
    private readonly StderrTail stderr;
    private readonly Watchdog writeWatchdog;
    private readonly CancellationTokenRegistration cancellationRegistration;
    private readonly SimulationOptions options;
    private readonly CommandBuffer commands = new();
    private readonly Queue<PendingResponse> pending = new();
    private string? failure;
    private bool disposed;

    private VerilatorSimulation(VerilatorModel model, Process process, StderrTail stderr, SimulationOptions options)
    {
        TopModule = model.TopModule;
        this.process = process;
        this.stderr = stderr;
        this.options = options;
        input = process.StandardInput.BaseStream;
        responses = new ResponseLines(process.StandardOutput, $"fpga-sim {model.TopModule} stdout");
        writeWatchdog = new Watchdog(Kill);
        cancellationRegistration = options.Cancellation.Register(Kill);
        Ports = [];
    }

    public string TopModule { get; }

    /// <summary>The top module's ports, as reported by the harness when it started.</summary>
    public IReadOnlyList<SimulationPort> Ports { get; private set; }

    /// <exception cref="SimulationException">The harness cannot start, rejects its options, or does not answer.</exception>
    public static VerilatorSimulation Start(VerilatorModel model, SimulationOptions? options = null)
    {
        options ??= new SimulationOptions();
        var startInfo = new ProcessStartInfo(model.BinaryPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in HarnessArguments(model, options))
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
            throw new SimulationException($"cannot start the harness '{model.BinaryPath}': {e.Message}", e);
        }
        process.BeginErrorReadLine();
        var simulation = new VerilatorSimulation(model, process, stderr, options);
        try
        {
            // One round trip up front: a harness that rejects its options fails here, not at the first read.
            simulation.Ports = PortList.Parse(simulation.Resolve(simulation.Request("ports")));
            return simulation;
        }
        catch
        {
            simulation.Dispose();
            throw;
        }
    }

    public void Set(string port, BigInteger value)
    {
        var name = CheckedName(port);
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        Command().Text("set ").Text(name).Text(" ").Hex(value).EndLine();
        SendIfFull();
    }

    public void Set(string port, ulong value)
    {
        var name = CheckedName(port);
        Command().Text("set ").Text(name).Text(" ").Hex(value).EndLine();
        SendIfFull();
    }

    public void Set(string port, bool value) => Set(port, value ? 1UL : 0UL);

    /// <summary>Reads a port now: flushes queued commands and waits for the answer.</summary>
    public BigInteger Get(string port) => Sample(port).Value;

    /// <summary>Queues a read of the port's value at this point of the command stream; read it later.</summary>
    public PendingValue Sample(string port) => new(this, port, Request("get " + CheckedName(port)));

    /// <summary>Runs <paramref name="cycles"/> rising clock edges. Inputs set before are seen at the first edge.</summary>
    public void Step(long cycles = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cycles);
        Command().Text("step ").Decimal(cycles).EndLine();
        SendIfFull();
    }

    /// <summary>
    /// Steps one cycle at a time until <paramref name="port"/> reads <paramref name="value"/>, at
    /// most <paramref name="maxCycles"/> cycles, entirely inside the harness: waiting for a done
    /// flag costs one round trip instead of one per cycle. The value is checked before the first
    /// edge too.
    /// </summary>
    /// <returns>The cycles stepped, or null if the value did not appear within <paramref name="maxCycles"/>.</returns>
    public long? StepUntil(string port, BigInteger value, long maxCycles)
    {
        var name = CheckedName(port);
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCycles);
        var answer = Resolve(Request(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"until {name} {HexValue.Format(value)} {maxCycles}")));
        return answer == "none" ? null : long.Parse(answer, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Settles combinational logic without a clock edge (reads already settle on their own).</summary>
    public void Eval()
    {
        Command().Text("eval").EndLine();
        SendIfFull();
    }

    /// <summary>Rising edges so far; a round trip, so it also confirms every queued command ran.</summary>
    public long Cycles => long.Parse(Resolve(Request("cycles")), System.Globalization.CultureInfo.InvariantCulture);

    internal PendingResponse Request(string command)
    {
        var response = new PendingResponse(command);
        Command().Text(command).EndLine();
        pending.Enqueue(response);
        SendIfFull();
        return response;
    }

    internal string Resolve(PendingResponse response)
    {
        // An answer already read stays readable, even after a later failure or Dispose.
        if (response.Line is not null)
        {
            return response.Line;
        }
        ThrowIfUnusable();
        while (response.Line is null)
        {
            Send();
            var line = NextLine();
            if (line.StartsWith("error ", StringComparison.Ordinal))
            {
                throw Fail($"the harness rejected a command: {line["error ".Length..]}");
            }
            pending.Dequeue().Line = line;
        }
        return response.Line;
    }

    /// <summary>The buffer to append one command to, once arguments are validated and the harness is known usable.</summary>
    private CommandBuffer Command()
    {
        ThrowIfUnusable();
        return commands;
    }

    private void SendIfFull()
    {
        if (commands.Length >= CommandBuffer.FlushThreshold)
        {
            Send();
        }
    }

    private void Send()
    {
        if (commands.Length == 0)
        {
            return;
        }
        writeWatchdog.Arm(options.ResponseTimeout);
        try
        {
            input.Write(commands.Pending);
            input.Flush();
            commands.Clear();
        }
        catch (IOException)
        {
            // The harness stopped reading: it failed on an earlier command, crashed, or was killed.
            throw StoppedFailure(writeWatchdog.Expired);
        }
        finally
        {
            writeWatchdog.Disarm();
        }
    }

    private string NextLine()
    {
        string? line;
        try
        {
            line = responses.Take(options.ResponseTimeout, options.Cancellation);
        }
        catch (TimeoutException)
        {
            throw StoppedFailure(timedOut: true);
        }
        catch (OperationCanceledException)
        {
            Kill();
            failure = "the simulation was cancelled";
            throw;
        }
        return line ?? throw StoppedFailure(timedOut: false);
    }

    /// <summary>The failure for a harness that no longer takes commands, with its last words.</summary>
    private Exception StoppedFailure(bool timedOut)
    {
        options.Cancellation.ThrowIfCancellationRequested();
        if (timedOut)
        {
            return Fail($"the harness did not respond within {options.ResponseTimeout.TotalSeconds:0.#} s and was killed "
                + "(a stuck design, or more queued simulation than the timeout allows: raise SimulationOptions.ResponseTimeout)");
        }
        var error = responses.Rest(ShutdownTimeout).FirstOrDefault(line => line.StartsWith("error ", StringComparison.Ordinal));
        if (error is not null)
        {
            return Fail($"the harness rejected a command: {error["error ".Length..]}");
        }
        var exit = process.WaitForExit(ShutdownTimeout) ? $"exit code {process.ExitCode}" : "still running";
        return Fail($"the harness stopped unexpectedly ({exit})");
    }

    private SimulationException Fail(string reason)
    {
        Kill();
        process.WaitForExit(ShutdownTimeout);
        failure = $"simulation of '{TopModule}': {reason}" + Tools.OutputTail.Section("harness stderr", stderr.Text());
        return new SimulationException(failure);
    }

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (failure is not null)
        {
            throw new SimulationException(failure);
        }
    }

    private static string CheckedName(string port)
    {
        ArgumentException.ThrowIfNullOrEmpty(port);
        foreach (var c in port)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c > '~')
            {
                throw new ArgumentException($"port name '{port}' contains whitespace, control or non-ASCII characters", nameof(port));
            }
        }
        return port;
    }

    private static IEnumerable<string> HarnessArguments(VerilatorModel model, SimulationOptions options)
    {
        yield return "--clock";
        yield return CheckedName(options.ClockPort);
        if (options.WaveformPath is not null)
        {
            if (model.Waveform == WaveformFormat.None)
            {
                throw new SimulationException($"a waveform was requested for '{model.TopModule}', but its model was built without one; "
                    + "build it with VerilatorModelOptions.Waveform = Vcd or Fst");
            }
            yield return "--trace";
            yield return Path.GetFullPath(options.WaveformPath);
        }
        foreach (var plusArg in options.PlusArgs)
        {
            if (!plusArg.StartsWith('+'))
            {
                throw new ArgumentException($"plusarg '{plusArg}' does not start with '+'", nameof(options));
            }
            yield return plusArg;
        }
    }

    private void Kill()
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already exited or never started: nothing to stop.
        }
    }

    /// <summary>Ends the harness: politely (quit, then end of input), and by force if it does not exit promptly.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }
        disposed = true;
        if (failure is null)
        {
            try
            {
                commands.Text("quit").EndLine();
                Send();
                input.Close();
            }
            catch (Exception e) when (e is IOException or SimulationException or OperationCanceledException)
            {
                // Disposing must not throw; the process is killed below if it is still there.
            }
        }
        if (!process.WaitForExit(ShutdownTimeout))
        {
            Kill();
            process.WaitForExit(ShutdownTimeout);
        }
        responses.Join(ShutdownTimeout);
        responses.Dispose();
        cancellationRegistration.Dispose();
        writeWatchdog.Dispose();
        process.Dispose();
    }
}
