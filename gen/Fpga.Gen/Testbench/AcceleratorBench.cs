using System.Numerics;
using Fpga.Gen.Cores.Accelerator;
using Fpga.Gen.Hdl;
using Fpga.Gen.Ir;

namespace Fpga.Gen.Testbench;

/// <summary>
/// The bench adapter of the accelerator top <see cref="LstmAccelerator"/>, and the one
/// definition of its vector entries (the host packs them with <see cref="ImageEntry"/> and
/// <see cref="InputEntry"/>): an image entry is <c>{cfg_wr_addr, cfg_wr_data}</c>, one write
/// of the <see cref="AcceleratorMemoryMap"/>; an input entry is <c>{tuser, tlast, tdata}</c>,
/// one s_axis beat, held until the top takes it. Outputs are m_axis values; the adapter also
/// checks tlast on every beat (on the last of each group of <see cref="OutputsPerStep"/>).
/// With the logits as output a group is a sequence's logits, so a mismatch's "step" is the
/// sequence. Final checks: design id, steps started, busy cycles, and the issue and product cycles
/// at least one a step and within the busy ones.
/// </summary>
public sealed class AcceleratorBench : IBenchDut
{
    public AcceleratorBench(LstmAccelerator accelerator) => Accelerator = accelerator;

    public LstmAccelerator Accelerator { get; }
    public ModuleIr Module => Accelerator.Module;
    public int ImageAddressWidth => Accelerator.MemoryMap.AddressWidth;
    public int ImageDataWidth => Accelerator.MemoryMap.DataWidth;
    public int ImageEntryWidth => ImageAddressWidth + ImageDataWidth;
    public int InputEntryWidth => 2 + Accelerator.InputBeatWidth;

    /// <summary>Values per tlast: the logits of a sequence, or h of a step.</summary>
    public int OutputsPerStep => AcceleratorFolding.HasDense(Accelerator.Spec) ? Accelerator.Spec.DenseOutputs : Accelerator.Spec.HiddenSize;

    public BigInteger ImageEntry(ulong address, BigInteger data)
    {
        Fits(address, ImageAddressWidth, "cfg_wr_addr");
        Fits(data, ImageDataWidth, "cfg_wr_data");
        return (new BigInteger(address) << ImageDataWidth) | data;
    }

    /// <param name="data">The beat's tdata bit pattern.</param>
    public BigInteger InputEntry(BigInteger data, bool first, bool last)
    {
        int width = Accelerator.InputBeatWidth;
        Fits(data, width, "s_axis_tdata");
        return (new BigInteger(first ? 1 : 0) << (width + 1)) | (new BigInteger(last ? 1 : 0) << width) | data;
    }

    public IBenchDutBinding Attach(TestbenchBuilder bench, Signal clock, Signal reset, BenchSize size) =>
        new Binding(this, bench, clock, new DutPorts(bench, Module, clock, reset), size);

    private static void Fits(BigInteger value, int width, string what)
    {
        if (value < 0 || value >= BigInteger.One << width)
            throw new ArgumentOutOfRangeException(nameof(value), value, $"{what} does not fit {width} bits");
    }

    private sealed class Binding : IBenchDutBinding
    {
        private readonly AcceleratorBench _layout;
        private readonly Signal _clock;
        private readonly DutPorts _ports;
        private readonly BenchSize _size;
        private readonly Signal _busySeen;
        private readonly Signal _beatsSeen;
        private readonly Signal _inGroup;
        private readonly Signal _badLast;

        public Binding(AcceleratorBench layout, TestbenchBuilder bench, Signal clock, DutPorts ports, BenchSize size)
        {
            _layout = layout;
            _clock = clock;
            _ports = ports;
            _size = size;
            _busySeen = bench.Integer("busy_cycles_seen");
            _beatsSeen = bench.Integer("beats_seen");
            _inGroup = bench.Integer("beat_in_group");
            _badLast = bench.Integer("first_bad_tlast");
        }

        public Signal OutputValid => _ports["m_axis_tvalid"];
        public Signal OutputData => _ports["m_axis_tdata"];
        public Signal OutputReady => _ports["m_axis_tready"];

        public void Idle(ProcessBuilder p) => _ports.Idle(p, OutputReady);

        public void WriteImage(ProcessBuilder p, Signal entry)
        {
            int dataBits = _layout.ImageDataWidth;
            p.Assign(_ports["cfg_wr_addr"], entry[entry.Width - 1, dataBits]);
            p.Assign(_ports["cfg_wr_data"], entry[dataBits - 1, 0]);
            p.Assign(_ports["cfg_wr_en"], 1);
            p.WaitNegedge(_clock);
        }

        public void Input(ProcessBuilder p, Signal entry)
        {
            int width = _layout.Accelerator.InputBeatWidth;
            var ready = _ports["s_axis_tready"];
            p.Assign(_ports["s_axis_tdata"], entry[width - 1, 0]);
            p.Assign(_ports["s_axis_tlast"], entry[width, width]);
            p.Assign(_ports["s_axis_tuser"], entry[width + 1, width + 1]);
            p.Assign(_ports["s_axis_tvalid"], 1);
            // tready is a register: what it shows after a falling edge is what the rising one samples.
            p.While(~ready, w => w.WaitNegedge(_clock));
            p.WaitNegedge(_clock);
            p.Assign(_ports["s_axis_tvalid"], 0);
        }

        public void MonitorSetup(ProcessBuilder p) =>
            p.Assign(_busySeen, 0).Assign(_beatsSeen, 0).Assign(_inGroup, 0).Assign(_badLast, Expr.SConst(-1, 32));

        public void MonitorCycle(ProcessBuilder p)
        {
            var groupEnd = _inGroup.Eq(Expr.SConst(_layout.OutputsPerStep - 1, 32));
            p.If(_ports["busy"], c => c.Assign(_busySeen, _busySeen + 1));
            p.If(OutputValid & OutputReady, beat =>
            {
                beat.If(_ports["m_axis_tlast"].Ne(groupEnd) & _badLast.Lt(Expr.SConst(0, 32)), bad => bad.Assign(_badLast, _beatsSeen));
                beat.If(groupEnd, t => t.Assign(_inGroup, 0), e => e.Assign(_inGroup, _inGroup + 1));
                beat.Assign(_beatsSeen, _beatsSeen + 1);
            });
        }

        public void FinalChecks(ProcessBuilder p, Action<ProcessBuilder, string, Expr[]> fail)
        {
            var steps = Expr.SConst(_size.Steps, 32);
            var id = Expr.Const(_layout.Accelerator.Spec.DesignId, 32);
            p.While(_ports["busy"], w => w.WaitNegedge(_clock));
            p.If(_badLast.Ge(Expr.SConst(0, 32)), f => fail(f, "output %0d: tlast is wrong", [_badLast]));
            p.If(_ports["design_id"].NotIdenticalTo(id), f => fail(f, "design id: got %h expected %h", [_ports["design_id"], id]));
            p.If(_ports["step_count"].AsSigned().NotIdenticalTo(steps), f => fail(f, "step counter: got %0d expected %0d", [_ports["step_count"], steps]));
            p.If(_ports["busy_cycles"].AsSigned().NotIdenticalTo(_busySeen), f => fail(f, "busy-cycle counter: got %0d expected %0d", [_ports["busy_cycles"], _busySeen]));
            foreach (var counter in new[] { "issue_cycles", "product_cycles" })
            {
                var cycles = _ports[counter].AsSigned();
                p.If(cycles.Lt(steps) | cycles.Gt(_busySeen),
                    f => fail(f, $"{counter.Replace('_', '-')} counter: got %0d, expected %0d to %0d", [_ports[counter], steps, _busySeen]));
            }
        }
    }
}
