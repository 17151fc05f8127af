using System.CommandLine;
using Fpga.Gen.Cores.XnorPopcount;
using Fpga.Host.Verification;

namespace Fpga.Cli.Commands;

/// <summary>
/// `fpga check`: generates, lints and co-simulates every block of the accelerator and its top
/// against the C# references and prints what it checked (what `fpga demo` did before the board link).
/// </summary>
public static class CheckCommand
{
    public static Command Create(CliConsole console)
    {
        var work = new Option<string>("--work") { Description = "Directory for generated RTL.", DefaultValueFactory = _ => Path.Combine("out", "check") };
        var simds = new Option<int[]>("--simd") { Description = "SIMD widths of the dot-product unit.", DefaultValueFactory = _ => [8, 100, 256, 1024], AllowMultipleArgumentsPerToken = true };
        var beats = new Option<int>("--beats") { Description = "Random beats per back-pressure run (ten times as many at full rate).", DefaultValueFactory = _ => 2000 };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 1 };
        var topOnly = new Option<bool>("--top-only") { Description = "Check only the accelerator top (the blocks below it have their own checks)." };
        var command = new Command("check", "Generate, lint and co-simulate every block and the accelerator top; print what was checked.") { work, simds, beats, seed, topOnly };
        command.SetAction(parse =>
        {
            var failures = 0;
            if (!parse.GetValue(topOnly)) failures += CheckBlocks(console, parse.GetValue(work)!, parse.GetValue(simds)!, parse.GetValue(beats), parse.GetValue(seed));
            failures += CheckTop(console, parse.GetValue(work)!, parse.GetValue(seed));
            console.Out.WriteLine(failures == 0
                ? "all checked: lint clean, bit-exact against the reference, latency and cycles as reported, back-pressure honoured"
                : $"{failures} check(s) FAILED");
            return failures == 0 ? FpgaCli.ExitOk : FpgaCli.ExitUserError;
        });
        return command;
    }

    private static int CheckBlocks(CliConsole console, string workDirectory, int[] simdWidths, int beatCount, int seedValue)
    {
        var failures = 0;
        console.Out.WriteLine("XNOR-popcount dot-product unit: RTL from Fpga.Gen, Verilator vs the C# reference");
        console.Out.WriteLine($"{"SIMD",5} {"lint",6} {"build",9} {"latency",9} {"back-pressure",22} {"full rate",18} {"streamed/s",11} {"free-running/s",15}");
        foreach (var simd in simdWidths)
        {
            var report = DotBlockCheck.Run(new XnorPopcountDotOptions(simd), workDirectory, beatCount, seedValue);
            var bp = report.BackPressure;
            var fr = report.FullRate;
            console.Out.WriteLine(
                $"{simd,5} {(report.Lint.Clean ? "clean" : "DIRTY"),6} {(report.BuildCached ? "cached" : $"{report.BuildTime.TotalSeconds:F1} s"),9} " +
                $"{bp.ObservedLatency,3} of {bp.ExpectedLatency,-2} {$"{bp.Checked}/{bp.Beats} exact",16} {bp.Mismatches.Count,3} bad " +
                $"{$"{fr.Checked}/{fr.Beats} exact",14} {fr.Mismatches.Count,3} {fr.CyclesPerSecond,11:N0} {report.FreeRunningCyclesPerSecond,15:N0}");
            foreach (var line in report.Lint.Verilator.Concat(report.Lint.Icarus).Concat(bp.Mismatches).Concat(fr.Mismatches).Take(10))
                console.Out.WriteLine($"      {line}");
            if (!report.Passed) failures++;
        }
        console.Out.WriteLine();
        console.Out.WriteLine("XNOR matrix-vector unit: random weights and activations, every accumulator vs the C# reference");
        console.Out.WriteLine($"{"rows x cols",12} {"PE",3} {"SIMD",4} {"kw",2} {"ka",2} {"lint",6} {"build",8} {"checked",14} {"cycles/product",15}");
        foreach (var (rows, cols, pe, simd, kw, ka) in new[] { (512, 28, 4, 28, 2, 2), (512, 128, 8, 64, 2, 2), (96, 200, 4, 16, 3, 3) })
        {
            var report = MvuBlockCheck.Run(new Fpga.Gen.Cores.Mvu.XnorMvuOptions(rows, cols, pe, simd, kw, ka), workDirectory, products: 4, seedValue);
            var c = report.Cosim;
            console.Out.WriteLine(
                $"{$"{rows} x {cols}",12} {pe,3} {simd,4} {kw,2} {ka,2} {(report.Lint.Clean ? "clean" : "DIRTY"),6} {(report.BuildCached ? "cached" : $"{report.BuildTime.TotalSeconds:F1} s"),8} " +
                $"{$"{c.RowsChecked} rows exact",14} {$"{c.ObservedCycles} of {c.ExpectedCycles}",15}");
            foreach (var line in report.Lint.Verilator.Concat(report.Lint.Icarus).Concat(c.Mismatches).Take(10)) console.Out.WriteLine($"      {line}");
            if (!report.Passed) failures++;
        }
        console.Out.WriteLine();
        console.Out.WriteLine("LSTM cell unit (bias, sigmoid/tanh tables, cell update, h): random accumulators vs docs/NUMERICS.md steps 2-5");
        {
            var spec = new Fpga.Gen.Spec.AcceleratorSpec().Validate();
            var report = CellBlockCheck.Run(spec, accumulatorWidth: 32, workDirectory, seedValue);
            var c = report.Cosim;
            console.Out.WriteLine($"  H {spec.HiddenSize}, gates {spec.Gate}, cell {spec.Cell}, hidden {spec.Hidden}: lint {(report.Lint.Clean ? "clean" : "DIRTY")}, " +
                $"build {(report.BuildCached ? "cached" : $"{report.BuildTime.TotalSeconds:F1} s")}, {c.Checked}/{c.Beats} hidden values exact, latency {c.ObservedLatency} of {c.ExpectedLatency}");
            foreach (var line in report.Lint.Verilator.Concat(report.Lint.Icarus).Concat(c.Mismatches).Take(10)) console.Out.WriteLine($"      {line}");
            if (!report.Passed) failures++;
        }
        console.Out.WriteLine();
        console.Out.WriteLine("Re-quantizer of h (docs/NUMERICS.md step 6), each mode: random hidden vectors vs the golden model");
        foreach (var mode in Enum.GetValues<Fpga.Gen.Spec.HiddenRequantization>())
        {
            var spec = new Fpga.Gen.Spec.AcceleratorSpec { Requantization = mode }.Validate();
            var report = RequantizerBlockCheck.Run(spec, simd: 32, workDirectory, seedValue);
            var c = report.Cosim;
            console.Out.WriteLine($"  {mode.ToString().ToLowerInvariant()}, H {spec.HiddenSize}, ka {spec.ActivationCodes}, SIMD 32: lint {(report.Lint.Clean ? "clean" : "DIRTY")}, " +
                $"build {(report.BuildCached ? "cached" : $"{report.BuildTime.TotalSeconds:F1} s")}, {c.Vectors} vectors, {c.BeatsChecked} code words and coefficients exact; {report.Unit.Cycles} cycles from the last h to the last word");
            foreach (var line in report.Lint.Verilator.Concat(report.Lint.Icarus).Concat(c.Mismatches).Take(10)) console.Out.WriteLine($"      {line}");
            if (!report.Passed) failures++;
        }
        console.Out.WriteLine();
        console.Out.WriteLine("One LSTM layer (both products, cell unit, re-quantizer, step control) vs the golden model, a random model quantized 2/2 alternating, each re-quantization mode");
        foreach (var mode in Enum.GetValues<Fpga.Gen.Spec.HiddenRequantization>())
        {
            var report = LayerBlockCheck.Run(inputs: 28, hidden: 32, codes: 2, simd: 16, sequences: 2, steps: 8, workDirectory, seedValue, mode);
            var c = report.Cosim;
            var spec = report.Engine.Spec;
            long ideal = Math.Max((long)spec.GateRows * spec.InputSize, (long)spec.GateRows * spec.HiddenSize) * spec.WeightCodes * spec.ActivationCodes / (spec.Pe * spec.Simd);
            console.Out.WriteLine($"  {mode.ToString().ToLowerInvariant()}, 28 inputs, H 32, PE 4, SIMD 16: lint {(report.Lint.Clean ? "clean" : "DIRTY")}, build {(report.BuildCached ? "cached" : $"{report.BuildTime.TotalSeconds:F1} s")}, " +
                $"{c.Sequences} sequences x {c.Steps / c.Sequences} steps, {c.HiddenChecked} hidden values exact; {c.CyclesPerStep.Max()} cycles per step (matrix-vector ideal {ideal})");
            foreach (var line in report.Lint.Verilator.Concat(report.Lint.Icarus).Concat(c.Mismatches).Take(10)) console.Out.WriteLine($"      {line}");
            if (!report.Passed) failures++;
        }
        return failures;
    }

    private static int CheckTop(CliConsole console, string workDirectory, int seedValue)
    {
        var failures = 0;
        console.Out.WriteLine();
        console.Out.WriteLine("The accelerator top (write bus, input stream, layers, dense logits) vs the golden model, random models quantized alternating");
        console.Out.WriteLine($"{"shape",44} {"lint",6} {"build",8} {"values",12} {"cycles/step",12} {"formula",8} {"ideal",7} {"util",5} {"steps/s",8}");
        foreach (var shape in new[]
                 {
                     new AcceleratorCheckShape(28, 128, 1, 0, Fpga.Gen.Spec.OutputMode.HiddenEveryStep, 2, 32),
                     new AcceleratorCheckShape(28, 64, 2, 10, Fpga.Gen.Spec.OutputMode.LogitsAtEnd, 2, 16),
                     new AcceleratorCheckShape(28, 32, 2, 0, Fpga.Gen.Spec.OutputMode.HiddenEveryStep, 2, 8),
                     new AcceleratorCheckShape(28, 64, 3, 0, Fpga.Gen.Spec.OutputMode.HiddenEveryStep, 2, 16),
                 })
        {
            // Enough steps for the layer pipeline to fill: the periods are measured between layer 0's starts.
            var report = AcceleratorBlockCheck.Run(shape, sequences: 2, steps: 6, workDirectory, seedValue, sinkStall: 0.0);
            var c = report.Cosim;
            var a = report.Accelerator;
            string name = $"{shape.Inputs} in, H {shape.Hidden}, {shape.Layers} layer(s), dense {shape.DenseOutputs}, SIMD {shape.Simd}";
            console.Out.WriteLine($"{name,44} {(report.Lint.Clean ? "clean" : "DIRTY"),6} {(report.BuildCached ? "cached" : $"{report.BuildTime.TotalSeconds:F0} s"),8} " +
                $"{$"{c.ValuesChecked} exact",12} {(c.StepPeriods.Count > 0 ? c.StepPeriods.Max() : 0),12} {a.CyclesPerStep,8} {a.Folding.IdealCyclesPerStep,7:0} {a.Utilization,5:P0} {c.Steps / c.StreamTime.TotalSeconds,8:N1}");
            foreach (var line in report.Lint.Verilator.Concat(report.Lint.Icarus).Concat(c.Mismatches).Take(10)) console.Out.WriteLine($"      {line}");
            if (!report.Passed || c.StepPeriods.Any(p => p != a.CyclesPerStep) || c.LogitPeriods.Any(p => p != AcceleratorCosim.ExpectedLogitPeriod(a))) failures++;
        }
        return failures;
    }
}
