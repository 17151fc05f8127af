using Fpga.Bench;

var benchmarks = new Dictionary<string, Action<TextWriter>>(StringComparer.OrdinalIgnoreCase)
{
    ["quantizers"] = QuantizerBenchmark.Run,
    ["training"] = TrainingBenchmark.Run,
};

if (args.Length != 1 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"usage: Fpga.Bench <{string.Join('|', benchmarks.Keys)}>");
    return 2;
}
run(Console.Out);
return 0;
