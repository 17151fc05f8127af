using System.CommandLine;
using Fpga.Cli.BoardLink;
using Fpga.Host.Diagnostics;
using Fpga.Host.Link;

namespace Fpga.Cli.Commands;

/// <summary>
/// `fpga sim --config SPEC.json | --model QUANTIZED`: builds the Verilated board for the spec,
/// starts it on a pseudo-terminal, prints the path, and runs until Ctrl-C or end of input, so
/// `fpga run --port PATH` can use it from another terminal as it would a real board.
/// </summary>
public static class SimCommand
{
    public static Command Create(CliConsole console)
    {
        var config = new Option<string?>("--config") { Description = "The accelerator spec (JSON) to build the board for." };
        var model = new Option<string?>("--model") { Description = "A quantized model: the board for its spec (with --config, the spec must describe it)." };
        var simulator = new SimulatorOptions();
        var command = new Command("sim", "Start the Verilated board for a spec on a pseudo-terminal and keep it running until Ctrl-C or end of input.") { config, model };
        simulator.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            var configPath = parse.GetValue(config);
            var modelPath = parse.GetValue(model);
            var settings = simulator.Read(parse);
            var spec = modelPath is not null ? BoardModel.Load(modelPath, configPath).Spec
                : configPath is not null ? SpecFile.Read(configPath)
                : throw new FpgaException("say which board to simulate: --config SPEC.json or --model QUANTIZED");
            var accelerator = Fpga.Gen.Cores.Accelerator.LstmAccelerator.Generate(spec);
            string work = settings.WorkDirectory ?? Path.Combine(Path.GetTempPath(), $"fpga-sim-{Guid.NewGuid():N}");
            Directory.CreateDirectory(work);
            try
            {
                console.Out.WriteLine($"building the board for spec {spec.Hash[..16]} (design id 0x{spec.DesignId:x8}), line at {settings.Describe(spec)}...");
                using var board = SimulatedBoard.Start(spec, settings.Link(spec), accelerator.Module, work, settings.TracePath, settings.MaxCycles);
                console.Out.WriteLine($"pty {board.PortPath}");
                console.Out.WriteLine($"the board runs until Ctrl-C or end of input; from another terminal: fpga run --port {board.PortPath} --model QUANTIZED{(configPath is null ? "" : $" --config {configPath}")} ...");
                console.Out.Flush();
                await WaitForEnd(console, board, cancellation);
                if (board.Process.HasExited)
                    throw new FpgaException($"the simulated board stopped: {LastLine(board.Process.Diagnostics)}");
                var line = board.Process.Stop();
                console.Out.WriteLine($"stopped after {line.Cycles:N0} cycles; {line.CharactersIn:N0} characters in, {line.CharactersOut:N0} out");
                return FpgaCli.ExitOk;
            }
            finally
            {
                if (settings.WorkDirectory is null)
                {
                    try { Directory.Delete(work, recursive: true); }
                    catch (IOException) { }
                }
            }
        });
        return command;
    }

    private static async Task WaitForEnd(CliConsole console, SimulatedBoard board, CancellationToken cancellation)
    {
        var input = console.In is { } reader ? Task.Run(() => { while (reader.Read() >= 0) { } }, CancellationToken.None) : Task.Delay(Timeout.Infinite, cancellation);
        while (!input.IsCompleted && !cancellation.IsCancellationRequested && !board.Process.HasExited)
        {
            try { await Task.WhenAny(input, Task.Delay(200, cancellation)); }
            catch (OperationCanceledException) { }
        }
    }

    private static string LastLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "no message";
}
