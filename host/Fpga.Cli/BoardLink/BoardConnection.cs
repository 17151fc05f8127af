using System.Diagnostics;
using Fpga.Gen.Cores.Link;
using Fpga.Host.Link;

namespace Fpga.Cli.BoardLink;

/// <summary>
/// A link to the board: a serial port, or the Verilated board started on a pseudo-terminal
/// (built for the spec, cached), opened through the same <see cref="SerialTransport"/>, then
/// identified; a board built for another spec is refused before anything is sent to it.
/// </summary>
internal sealed class BoardConnection : IDisposable
{
    private readonly string? _temporaryWork;

    private BoardConnection(SimulatedBoard? simulator, LinkClient client, AcceleratorSession session, LinkIdentity identity, TimeSpan startTime, string? temporaryWork)
    {
        Simulator = simulator;
        Client = client;
        Session = session;
        Identity = identity;
        StartTime = startTime;
        _temporaryWork = temporaryWork;
    }

    public SimulatedBoard? Simulator { get; }
    public LinkClient Client { get; }
    public AcceleratorSession Session { get; }
    public LinkIdentity Identity { get; }

    /// <summary>Building and starting the simulator (zero for a real port).</summary>
    public TimeSpan StartTime { get; }

    public string PortName => Client.Transport.Name;

    /// <summary>Opens <paramref name="port"/> at <paramref name="baud"/>, or with <paramref name="simulator"/> starts the simulated board and opens its pseudo-terminal.</summary>
    public static BoardConnection Open(BoardModel model, string? port, int? baud, SimulatorSettings? simulator, LinkClientOptions? options = null, CancellationToken cancellation = default)
    {
        SimulatedBoard? board = null;
        string? temporary = null;
        var clock = Stopwatch.StartNew();
        try
        {
            if (simulator is not null)
            {
                string work = simulator.WorkDirectory ?? (temporary = Path.Combine(Path.GetTempPath(), $"fpga-board-{Guid.NewGuid():N}"));
                Directory.CreateDirectory(work);
                board = SimulatedBoard.Start(model.Spec, simulator.Link(model.Spec), model.Accelerator.Module, work, simulator.TracePath, simulator.MaxCycles);
                port = board.PortPath;
            }
            var startTime = clock.Elapsed;
            var client = new LinkClient(SerialTransport.Open(port!, baud ?? model.Spec.BaudRate), options ?? new LinkClientOptions());
            try
            {
                var session = new AcceleratorSession(client, model.Accelerator);
                var identity = session.Identify(cancellation);
                return new BoardConnection(board, client, session, identity, startTime, temporary);
            }
            catch
            {
                client.Dispose();
                throw;
            }
        }
        catch
        {
            board?.Dispose();
            DeleteQuietly(temporary);
            throw;
        }
    }

    public void Dispose()
    {
        Client.Dispose();
        Simulator?.Dispose();
        DeleteQuietly(_temporaryWork);
    }

    private static void DeleteQuietly(string? directory)
    {
        if (directory is null) return;
        try { Directory.Delete(directory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
