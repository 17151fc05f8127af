using Fpga.Cli.BoardLink;
using Fpga.Gen.Spec;

namespace Fpga.Cli.Reports;

/// <summary>
/// The figures of a board run: per phase the link's frames, bytes and retries, and for a
/// simulated board the share of the line the payload took and how long the phase would take at
/// the spec's true clock-to-baud ratio; then the accelerator's cycles from its own counters.
/// </summary>
internal static class BoardRunReport
{
    public static void Write(CliConsole console, BoardModel model, BoardRunResult result, double clocksPerBit)
    {
        var spec = model.Spec;
        var up = result.Upload;
        console.Out.WriteLine($"upload: {up.Payload:N0} payload bytes in {Frames(up)}, {up.Link.BytesSent:N0} bytes sent, {up.Link.BytesReceived:N0} received; {up.Wall.TotalSeconds:F1} s");
        if (up.Line is { } upLine)
        {
            double share = up.Payload * 10.0 * clocksPerBit / Math.Max(1, upLine.Cycles);
            double trueSeconds = upLine.CharactersIn * 10.0 / spec.BaudRate;
            console.Out.WriteLine($"  on the simulated line: {upLine.Cycles:N0} cycles at {clocksPerBit:0.##} clocks a bit, payload {share:P1} of the line rate; " +
                $"at {spec.BaudRate} baud: {trueSeconds:F2} s, {up.Payload / Math.Max(1e-9, trueSeconds) / 1024:F1} KiB/s of payload");
        }
        var run = result.Inference;
        int sequences = result.Outputs.Count;
        console.Out.WriteLine($"inputs and outputs: {sequences} sequence(s), {result.Steps} steps in {Frames(run)}, {run.Link.BytesSent:N0} bytes sent, {run.Link.BytesReceived:N0} received; " +
            $"{run.Wall.TotalSeconds:F1} s ({sequences / Math.Max(1e-9, run.Wall.TotalSeconds):F1} sequences/s)");
        result.Counters.TryGetValue("busy_cycles", out uint busy);
        result.Counters.TryGetValue("step_count", out uint steps);
        if (run.Line is { } runLine)
        {
            double trueSeconds = (runLine.CharactersIn + runLine.CharactersOut) * 10.0 / spec.BaudRate + (double)busy / spec.ClockHz;
            console.Out.WriteLine($"  on the simulated line: {runLine.Cycles:N0} cycles; at {spec.ClockHz / 1e6:0.##} MHz and {spec.BaudRate} baud: about {trueSeconds:F2} s " +
                $"({sequences / Math.Max(1e-9, trueSeconds):F1} sequences/s; one RUN a step, so the line, not the accelerator, sets the pace)");
        }
        var accelerator = model.Accelerator;
        long dense = accelerator.DenseCycles * (spec.Output == OutputMode.LogitsAtEnd ? sequences : 0);
        double perStep = steps == 0 ? 0 : (double)(busy - dense) / steps;
        console.Out.WriteLine($"accelerator (its counters): {steps} steps, {busy:N0} busy cycles; {perStep:F0} cycles a step (formula {accelerator.CyclesPerStep}, ideal {accelerator.Folding.IdealCyclesPerStep:0}, " +
            $"{accelerator.Folding.IdealCyclesPerStep / Math.Max(1, perStep):P1} of the ideal), {(double)busy / Math.Max(1, sequences):N0} a sequence" +
            (dense > 0 ? $" ({accelerator.DenseCycles} of them the logits)" : "") +
            $" = {(double)busy / Math.Max(1, sequences) / spec.ClockHz * 1e3:F2} ms at {spec.ClockHz / 1e6:0.##} MHz");
    }

    private static string Frames(PhaseFigures phase) =>
        $"{phase.Link.FramesSent:N0} frames ({phase.Link.FramesResent} sent again, {phase.Link.NaksReceived} NAKs, {phase.Link.Timeouts} timeouts" +
        (phase.Link.Reopens > 0 ? $", {phase.Link.Reopens} reopens" : "") + ")";
}
