using System.Globalization;
using System.Numerics;
using Fpga.Sim.Tools;

namespace Fpga.Sim.Verilator;

/// <summary>
/// One running harness. Commands are buffered and streamed; only reads (<see cref="Get"/>,
/// <see cref="PendingValue.Value"/>, <see cref="StepUntil"/>, <see cref="Cycles"/>) wait for the
/// harness, so a caller can queue whole stimulus sequences at pipe speed. Every wait is bounded
/// by <see cref="SimulationOptions.ResponseTimeout"/>. After the first failure the harness is
/// gone and every further call throws the same explanation. Not thread-safe.
/// </summary>
public sealed class VerilatorSimulation : IDisposable
{
    private const string Cancelled = "the simulation was cancelled";

    private readonly HarnessProcess harness;
    private readonly CommandBuffer commands = new();
    private readonly Queue<PendingResponse> pending = new();
    private string? failure;
    private bool disposed;

    private VerilatorSimulation(string topModule, HarnessProcess harness)
    {
        TopModule = topModule;
        this.harness = harness;
        Ports = [];
    }

    public string TopModule { get; }

    /// <summary>The top module's ports, as reported by the harness when it started.</summary>
    public IReadOnlyList<SimulationPort> Ports { get; private set; }

    /// <exception cref="SimulationException">The harness cannot start, rejects its options, or does not answer.</exception>
    public static VerilatorSimulation Start(VerilatorModel model, SimulationOptions? options = null)
    {
        options ??= new SimulationOptions();
        var arguments = HarnessArguments.For(model, options);
        var simulation = new VerilatorSimulation(model.TopModule,
            HarnessProcess.Start(model.BinaryPath, arguments, options.ResponseTimeout, options.Cancellation));
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

    /// <summary>Reads a port now: sends queued commands and waits for the answer.</summary>
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
        var answer = Resolve(Request(string.Create(CultureInfo.InvariantCulture, $"until {name} {HexValue.Format(value)} {maxCycles}")));
        return answer == "none" ? null : ParseCount(answer);
    }

    /// <summary>Settles combinational logic without a clock edge (reads already settle on their own).</summary>
    public void Eval()
    {
        Command().Text("eval").EndLine();
        SendIfFull();
    }

    /// <summary>Rising edges so far; a round trip, so it also confirms every queued command ran.</summary>
    public long Cycles => ParseCount(Resolve(Request("cycles")));

    internal PendingResponse Request(string command)
    {
        var response = new PendingResponse(command);
        Command().Text(command).EndLine();
        pending.Enqueue(response);
        SendIfFull();
        return response;
    }

    /// <summary>Waits for the answer to <paramref name="response"/>, filling in the answers before it on the way.</summary>
    internal string Resolve(PendingResponse response)
    {
        // An answer already read stays readable, even after a later failure or Dispose.
        if (response.Line is not null)
        {
            return response.Line;
        }
        ThrowIfUnusable();
        Send();
        while (response.Line is null)
        {
            var line = Guarded(harness.ReadLine);
            if (line.StartsWith(HarnessStoppedException.ErrorPrefix, StringComparison.Ordinal))
            {
                throw Fail(HarnessStoppedException.Rejected(line).Message);
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
        Guarded(() =>
        {
            harness.Write(commands.Pending);
            return 0;
        });
        commands.Clear();
    }

    /// <summary>Runs a harness operation, turning a stop into the session's one failure.</summary>
    private T Guarded<T>(Func<T> operation)
    {
        try
        {
            return operation();
        }
        catch (HarnessStoppedException e)
        {
            throw Fail(e.Message);
        }
        catch (OperationCanceledException)
        {
            failure = Cancelled;
            throw;
        }
    }

    private SimulationException Fail(string reason)
    {
        failure = $"simulation of '{TopModule}': {reason}" + OutputTail.Section("harness stderr", harness.KillAndCollectStderr());
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

    private static long ParseCount(string answer) =>
        long.TryParse(answer, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : throw new SimulationException($"the harness answered '{answer}' where a cycle count belongs");

    internal static string CheckedName(string port)
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

    /// <summary>Ends the harness: politely (quit, then end of input), and by force if it does not exit promptly.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }
        if (failure is null)
        {
            try
            {
                commands.Text("quit").EndLine();
                Send();
            }
            catch (Exception e) when (e is SimulationException or OperationCanceledException)
            {
                // Disposing must not throw; the harness is killed below if it is still there.
            }
        }
        disposed = true;
        harness.Dispose();
    }
}
