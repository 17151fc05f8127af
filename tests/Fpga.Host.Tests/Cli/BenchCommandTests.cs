using System.Text.Json;
using Fpga.Host.Tests.Support;

namespace Fpga.Host.Tests.Cli;

public sealed class BenchCommandTests
{
    [Fact]
    public void AQuickRunPrintsEveryTableAndWritesTheResultsAsJson()
    {
        using var directory = new TempDirectory();
        string path = Path.Combine(directory.Path, "results.json");
        var run = CliRun.Of("bench", "--quick", "--no-peers", "--threads", "2", "-o", path);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("matrix-vector product", run.Out);
        Assert.Contains("LSTM step: input 32, hidden 64", run.Out);
        Assert.Contains("quantizers", run.Out);
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var root = json.RootElement;
        Assert.Equal(3, root.GetProperty("matVec").GetArrayLength());
        var engines = root.GetProperty("step").GetProperty("engines").EnumerateArray().Select(e => e.GetProperty("engine").GetString()!).ToArray();
        Assert.Equal(new[] { "float32", "xnor 1/1", "xnor 2/2", "xnor 3/3" }, engines);
        Assert.All(root.GetProperty("step").GetProperty("engines").EnumerateArray(), e => Assert.True(e.GetProperty("microsecondsPerStep").GetDouble() > 0));
        Assert.Equal(3, root.GetProperty("step").GetProperty("memory").GetArrayLength());
        Assert.True(root.GetProperty("quantizers").GetProperty("vectorMicroseconds").GetDouble() > 0);
    }

    [Fact]
    public void ZeroThreadsIsRefused()
    {
        var run = CliRun.Of("bench", "--threads", "0");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--threads must be at least 1", run.Error);
    }
}
