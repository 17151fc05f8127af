using System.CommandLine;
using System.Text;
using Fpga.Host.Diagnostics;
using Fpga.Host.Formats;
using Fpga.Perf;

namespace Fpga.Cli.Commands;

/// <summary>`fpga bench`: the CPU performance suite (host/Fpga.Perf), printed as tables and optionally written as JSON.</summary>
public static class BenchCommand
{
    public static Command Create(CliConsole console)
    {
        var output = new Option<string?>("--output", "-o") { Description = "Also write the results as JSON to this file." };
        var threads = new Option<int>("--threads") { Description = "Threads for every engine, ours and the peers.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var quick = new Option<bool>("--quick") { Description = "Small shapes and short timings: checks that the suite runs, not how fast." };
        var noPeers = new Option<bool>("--no-peers") { Description = "Skip ONNX Runtime and PyTorch." };
        var simulatorSteps = new Option<int?>("--simulator-steps") { Description = "Steps of the accelerator's Verilator bench (default 128; 0 skips it; --quick skips it)." };
        var command = new Command("bench",
            "Time the CPU XNOR-popcount engine against float32 (same code path), ONNX Runtime and PyTorch: matrix-vector products at 1/1, 2/2, 3/3 bits, "
            + "an LSTM step at hidden 1024, memory saving, quantizer throughput, and Verilator's speed on the default accelerator.") { output, threads, quick, noPeers, simulatorSteps };
        command.SetAction(parse =>
        {
            int count = parse.GetValue(threads);
            if (count < 1) throw new FpgaException($"--threads must be at least 1, not {count}");
            var settings = parse.GetValue(quick) ? PerfSettings.Quick(count) : new PerfSettings { Threads = count };
            settings = settings with { Peers = !parse.GetValue(noPeers) };
            if (parse.GetValue(simulatorSteps) is { } simSteps)
                settings = simSteps >= 0 ? settings with { SimulatorSteps = simSteps } : throw new FpgaException($"--simulator-steps must be 0 or more, not {simSteps}");
            var results = PerfSuite.Run(settings, console.Out);
            if (parse.GetValue(output) is { } path)
            {
                AtomicFile.WriteAllBytes(path, Encoding.UTF8.GetBytes(results.ToJson()));
                console.Out.WriteLine($"results: {path}");
            }
            return FpgaCli.ExitOk;
        });
        return command;
    }
}
