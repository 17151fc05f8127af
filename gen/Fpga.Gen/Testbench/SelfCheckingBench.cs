using Fpga.Gen.Hdl;
using Fpga.Gen.Ir;

namespace Fpga.Gen.Testbench;

/// <summary>
/// A plain Verilog-2005 self-checking testbench for any <see cref="IBenchDut"/>: it reads the
/// vector files, resets the device, writes the model image, replays the input stream, and
/// compares every output with the expected file as it arrives. It prints exactly one verdict,
/// <c>PASS: N outputs match</c> or <c>FAIL: ...</c> (the first mismatch, a failed final check
/// or a timeout), then calls $finish. Three initial blocks: the clock, the stimulus, the
/// output monitor, plus a watchdog so a hung device fails instead of running forever.
/// </summary>
public static class SelfCheckingBench
{
    public const int HalfPeriod = 5;
    public const int ResetCycles = 4;

    public static ModuleIr Generate(IBenchDut dut, BenchSize size, long cycleLimit)
    {
        size.Validate();
        if (cycleLimit < 1) throw new ArgumentOutOfRangeException(nameof(cycleLimit));
        var module = dut.Module;
        var tb = new TestbenchBuilder($"tb_{module.Name}", module.Conventions);
        tb.Comment($"Self-checking bench of {module.Name}: {size.ImageEntries} image writes, {size.InputEntries} input entries, {size.Outputs} outputs over {size.Steps} steps.");
        tb.Comment($"Vector files ({BenchFiles.Image}, {BenchFiles.Input}, {BenchFiles.Expected}, {BenchFiles.Ready}) are read from the directory the simulator runs in.");
        tb.Comment("Inputs change just after a falling clock edge and the device samples them on the rising one, so no simulator sees a race.");

        var clock = tb.Reg("clk", 1);
        var reset = tb.Reg(module.Conventions.ResetName, 1);
        var image = tb.Array("image_entries", dut.ImageEntryWidth, size.ImageEntries);
        var input = tb.Array("input_entries", dut.InputEntryWidth, size.InputEntries);
        var binding = dut.Attach(tb, clock, reset, size);
        var expected = tb.Array("expected_outputs", binding.OutputData.Width, size.Outputs);
        var ready = tb.Array("ready_pattern", 1, size.ReadyEntries);
        var imageEntry = tb.Reg("image_entry", dut.ImageEntryWidth);
        var inputEntry = tb.Reg("input_entry", dut.InputEntryWidth);
        var index = tb.Integer("entry_index");
        var received = tb.Integer("outputs_received");
        var unit = tb.Integer("output_in_step");
        var step = tb.Integer("output_step");
        var phase = tb.Integer("ready_phase");
        var watchdog = tb.Integer("watchdog_cycles");
        Expr Int(long value) => Expr.SConst(value, 32);
        void Fail(ProcessBuilder p, string message, Expr[] arguments)
        {
            p.Display("FAIL: " + message, arguments);
            p.Finish();
        }

        tb.Initial(p =>
        {
            p.Assign(clock, 0);
            p.Forever(f => f.Delay(HalfPeriod).Assign(clock, ~clock));
        });

        bool activeLow = module.Conventions.ResetActiveLow;
        tb.Initial(p =>
        {
            p.ReadMemHex(BenchFiles.Image, image).ReadMemHex(BenchFiles.Input, input)
                .ReadMemHex(BenchFiles.Expected, expected).ReadMemHex(BenchFiles.Ready, ready);
            p.Assign(reset, activeLow ? 0 : 1);
            binding.Idle(p);
            p.For(index, Int(ResetCycles), b => b.WaitNegedge(clock));
            p.Assign(reset, activeLow ? 1 : 0);
            p.For(index, Int(size.ImageEntries), b =>
            {
                b.Assign(imageEntry, image[index]);
                binding.WriteImage(b, imageEntry);
            });
            binding.Idle(p);
            p.For(index, Int(size.InputEntries), b =>
            {
                b.Assign(inputEntry, input[index]);
                binding.Input(b, inputEntry);
            });
            p.While(received.Lt(Int(size.Outputs)), b => b.WaitNegedge(clock));
            binding.FinalChecks(p, Fail);
            p.Display("PASS: %0d outputs match", received);
            p.Finish();
        });

        // The monitor sets ready on the falling edge and samples one time unit later, when
        // everything has settled to what the rising edge will see: nothing else changes between.
        var data = binding.OutputData;
        var expectedValue = data.Signed ? expected[received].AsSigned() : expected[received];
        tb.Initial(p =>
        {
            p.Assign(received, 0).Assign(unit, 0).Assign(step, 0).Assign(phase, 0).Assign(binding.OutputReady, 0);
            binding.MonitorSetup(p);
            p.Forever(f =>
            {
                f.WaitNegedge(clock);
                f.Assign(binding.OutputReady, ready[phase]);
                f.If(phase.Eq(Int(size.ReadyEntries - 1)), t => t.Assign(phase, 0), e => e.Assign(phase, phase + 1));
                f.Delay(1);
                f.If(binding.OutputValid & binding.OutputReady, beat =>
                {
                    beat.If(received.Ge(Int(size.Outputs)),
                        extra => Fail(extra, "output %0d step %0d: got %0d, expected no more outputs", [unit, step, data]),
                        known => known.If(data.AsUnsigned().NotIdenticalTo(expected[received]),
                            bad => Fail(bad, "output %0d step %0d: got %0d expected %0d", [unit, step, data, expectedValue])));
                    beat.Assign(received, received + 1);
                    beat.If(unit.Eq(Int(dut.OutputsPerStep - 1)), t => t.Assign(unit, 0).Assign(step, step + 1), e => e.Assign(unit, unit + 1));
                });
                binding.MonitorCycle(f);
            });
        });

        tb.Initial(p =>
        {
            p.For(watchdog, Int(cycleLimit), b => b.WaitNegedge(clock));
            Fail(p, "timeout after %0d cycles: %0d of %0d outputs", [watchdog, received, Int(size.Outputs)]);
        });
        return tb.Build();
    }
}
