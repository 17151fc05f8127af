using BenchmarkDotNet.Running;

// `dotnet run -c Release --project tests/Fpga.Benchmarks -- --filter '*'` (add `--job short` for a quicker, rougher run).
BenchmarkSwitcher.FromAssembly(typeof(Fpga.Benchmarks.MatVecBenchmarks).Assembly).Run(args);
