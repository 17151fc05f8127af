using System.Diagnostics;
using Fpga.Cli.Reports;
using Fpga.Host.Golden;
using Fpga.Host.Link;
using Fpga.Sim.Board;

namespace Fpga.Cli.BoardLink;

/// <summary>What one phase (the upload, or the inputs and outputs) did on the link.</summary>
/// <param name="Line">The simulated board's line statistics over the phase; null for a real board.</param>
internal sealed record PhaseFigures(TimeSpan Wall, LinkStatistics Link, long Payload, BoardLineStatistics? Line);

/// <summary>The outputs of a batch and how they were obtained.</summary>
internal sealed record BoardRunResult(IReadOnlyList<GoldenOutput> Outputs, PhaseFigures Upload, PhaseFigures Inference, IReadOnlyDictionary<string, uint> Counters, int Steps);

/// <summary>Uploads the model's image and streams every sequence through the board, measuring both phases.</summary>
internal static class BoardRunner
{
    public static BoardRunResult Run(CliConsole console, BoardConnection connection, BoardModel model, IReadOnlyList<IReadOnlyList<CodedVector>> sequences, CancellationToken cancellation)
    {
        var session = connection.Session;
        var statistics = connection.Client.Statistics;

        var linkBefore = statistics.Snapshot();
        var lineBefore = connection.Simulator?.Process.Snapshot();
        var clock = Stopwatch.StartNew();
        long total = session.UploadBytes(model.Image);
        long payload = TransferProgress.Run(console, "upload", total, progress => session.Upload(model.Image, progress, cancellation));
        var upload = new PhaseFigures(clock.Elapsed, statistics.Since(linkBefore), payload, Since(connection.Simulator?.Process.Snapshot(), lineBefore));

        var countersBefore = session.ReadAcceleratorCounters(cancellation);
        linkBefore = statistics.Snapshot();
        lineBefore = connection.Simulator?.Process.Snapshot();
        clock.Restart();
        var outputs = TransferProgress.Run(console, "inputs", sequences.Count, progress =>
        {
            var results = new List<GoldenOutput>(sequences.Count);
            foreach (var sequence in sequences)
            {
                results.Add(new GoldenOutput(model.Spec.Output, session.RunSequence(sequence, cancellation)));
                progress.Report(results.Count);
            }
            return results;
        });
        var wall = clock.Elapsed;
        var linkDelta = statistics.Since(linkBefore);
        var line = Since(connection.Simulator?.Process.Snapshot(), lineBefore);
        var countersAfter = session.ReadAcceleratorCounters(cancellation);
        var counters = countersAfter.ToDictionary(c => c.Key, c => unchecked(c.Value - countersBefore[c.Key]));
        var inference = new PhaseFigures(wall, linkDelta, linkDelta.BytesSent, line);
        return new BoardRunResult(outputs, upload, inference, counters, sequences.Sum(s => s.Count));
    }

    private static BoardLineStatistics? Since(BoardLineStatistics? after, BoardLineStatistics? before) =>
        after is null || before is null ? null
            : new BoardLineStatistics(after.Cycles - before.Cycles, after.CharactersIn - before.CharactersIn, after.CharactersOut - before.CharactersOut, after.FirstIn, after.LastIn);
}
