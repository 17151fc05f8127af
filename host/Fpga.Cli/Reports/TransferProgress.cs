using Spectre.Console;

namespace Fpga.Cli.Reports;

/// <summary>
/// A progress bar on an interactive terminal (Spectre.Console), and nothing while the work runs
/// when the output is redirected, captured or under CI (CI set), so logs stay plain text.
/// </summary>
internal static class TransferProgress
{
    public static T Run<T>(CliConsole console, string label, long total, Func<IProgress<long>, T> work)
    {
        if (!Interactive(console)) return work(new Sink(_ => { }));
        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(label, maxValue: Math.Max(1, total));
                result = work(new Sink(done => task.Value = done));
                task.Value = task.MaxValue;
            });
        return result;
    }

    public static bool Interactive(CliConsole console) =>
        ReferenceEquals(console.Out, Console.Out) && !Console.IsOutputRedirected
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")) && Environment.GetEnvironmentVariable("TERM") is not (null or "dumb");

    private sealed class Sink(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
