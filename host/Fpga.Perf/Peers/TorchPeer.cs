using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace Fpga.Perf.Peers;

/// <summary>What PyTorch measured: its version and seconds per step of the float and the dynamically quantized int8 LSTM.</summary>
public sealed record TorchTimes(string Version, double FloatSecondsPerStep, double Int8DynamicSecondsPerStep);

/// <summary>
/// PyTorch as an external peer, when an interpreter with torch is installed: the embedded
/// script times nn.LSTM and its dynamic int8 quantization in its own process. Debian's
/// python3-torch installs for the system interpreter, which a user's own python3 on PATH (a
/// virtualenv or pyenv) may shadow, so both are tried; FPGA_PYTHON names another.
/// </summary>
public static class TorchPeer
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public static IEnumerable<string> Interpreters()
    {
        if (Environment.GetEnvironmentVariable("FPGA_PYTHON") is { Length: > 0 } chosen) yield return chosen;
        yield return "python3";
        yield return "/usr/bin/python3";
    }

    /// <summary>The measurement, or null with the reason it could not be made.</summary>
    public static (TorchTimes? Times, string Detail) Measure(int input, int hidden, int steps, int threads, double warmupSeconds, int rounds)
    {
        string script = Path.Combine(Path.GetTempPath(), $"fpga-torch-{Environment.ProcessId}.py");
        using (var resource = Assembly.GetExecutingAssembly().GetManifestResourceStream("torch_lstm_step.py")!)
        using (var file = File.Create(script))
        {
            resource.CopyTo(file);
        }
        try
        {
            var reasons = new List<string>();
            foreach (string python in Interpreters().Distinct())
            {
                var (exit, output, error) = Run(python, ["-c", "import torch"]);
                if (exit != 0)
                {
                    reasons.Add($"{python}: {LastLine(error) ?? "cannot run"}");
                    continue;
                }
                (exit, output, error) = Run(python, [script, "--input", $"{input}", "--hidden", $"{hidden}", "--steps", $"{steps}",
                    "--threads", $"{threads}", "--warmup", $"{warmupSeconds}", "--rounds", $"{rounds}"]);
                if (exit != 0) return (null, $"{python} {script} failed: {LastLine(error)}");
                using var json = JsonDocument.Parse(output);
                var root = json.RootElement;
                var times = new TorchTimes(root.GetProperty("version").GetString()!, root.GetProperty("float_seconds_per_step").GetDouble(),
                    root.GetProperty("int8_dynamic_seconds_per_step").GetDouble());
                return (times, $"PyTorch {times.Version} ({python}), {root.GetProperty("threads").GetInt32()} threads, timed in its own process");
            }
            return (null, "no Python with torch (Debian: apt-get install python3-torch): " + string.Join("; ", reasons));
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static (int Exit, string Output, string Error) Run(string file, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                return (-1, "", $"timed out after {Timeout.TotalMinutes} minutes");
            }
            return (process.ExitCode, output.Result, error.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, "", e.Message);
        }
    }

    private static string? LastLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
}
