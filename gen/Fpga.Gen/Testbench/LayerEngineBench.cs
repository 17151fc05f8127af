using System.Numerics;
using Fpga.Gen.Cores.Lstm;
using Fpga.Gen.Hdl;
using Fpga.Gen.Ir;

namespace Fpga.Gen.Testbench;

/// <summary>The layer engine's memories the host writes before the first step, in their image-entry code order.</summary>
public enum LayerImageTarget { InputWeights, InputCoefficients, RecurrentWeights, RecurrentCoefficients, Bias }

/// <summary>What one input entry of the layer engine does.</summary>
public enum LayerInputOp { ActivationWord, ActivationCoefficient, Start }

/// <summary>
/// The bench adapter of <see cref="LstmLayerEngine"/>, and the one definition of its vector
/// entries (the host packs them with <see cref="ImageEntry"/> and <see cref="InputEntry"/>):
/// an image entry is <c>{target, address, data}</c> for one of the wx/ax/wh/ah/b write ports;
/// an input entry is <c>{op, address, data}</c>: an x word, a g coefficient (address = code
/// index) or a start (data bit 0 = first step of a sequence), after which the bench waits for
/// the step to finish, as the host does.
/// </summary>
public sealed class LayerEngineBench : IBenchDut
{
    private const int TargetBits = 3;
    private const int OpBits = 2;
    private static readonly string[] TargetPorts = ["wx", "ax", "wh", "ah", "b"];

    public LayerEngineBench(LstmLayerEngine engine)
    {
        Engine = engine;
        var ports = engine.Module.Ports.ToDictionary(p => p.Name, StringComparer.Ordinal);
        int Width(string port) => ports.TryGetValue(port, out var p) ? p.Type.Width : 0;
        ImageAddressWidth = TargetPorts.Max(t => Width($"{t}_wr_addr"));
        ImageDataWidth = TargetPorts.Max(t => Width($"{t}_wr_data"));
        InputAddressWidth = Math.Max(Width("x_wr_addr"), Width("g_wr_idx"));
        InputDataWidth = Math.Max(Width("x_wr_data"), Width("g_wr_data"));
    }

    /// <summary>The prefix of the write ports of an image target: wx, ax, wh, ah or b.</summary>
    public static string PortPrefix(LayerImageTarget target) => TargetPorts[(int)target];

    public LstmLayerEngine Engine { get; }
    public ModuleIr Module => Engine.Module;
    public int ImageAddressWidth { get; }
    public int ImageDataWidth { get; }
    public int InputAddressWidth { get; }
    public int InputDataWidth { get; }
    public int ImageEntryWidth => TargetBits + ImageAddressWidth + ImageDataWidth;
    public int InputEntryWidth => OpBits + InputAddressWidth + InputDataWidth;
    public int OutputsPerStep => Engine.Spec.HiddenSize;

    /// <param name="data">The port's bit pattern (two's complement already applied).</param>
    public BigInteger ImageEntry(LayerImageTarget target, ulong address, BigInteger data)
    {
        var port = TargetPorts[(int)target];
        Fits(address, Module.Port($"{port}_wr_addr").Width, $"{port} address");
        Fits(data, Module.Port($"{port}_wr_data").Width, $"{port} data");
        return (new BigInteger((int)target) << (ImageAddressWidth + ImageDataWidth)) | (new BigInteger(address) << ImageDataWidth) | data;
    }

    /// <param name="data">The port's bit pattern; for a start, 1 for the first step of a sequence, else 0.</param>
    public BigInteger InputEntry(LayerInputOp op, ulong address, BigInteger data)
    {
        switch (op)
        {
            case LayerInputOp.ActivationWord:
                Fits(address, Module.Port("x_wr_addr").Width, "x address");
                Fits(data, Module.Port("x_wr_data").Width, "x data");
                break;
            case LayerInputOp.ActivationCoefficient:
                Fits(address, Engine.Spec.ActivationCodes > 1 ? Module.Port("g_wr_idx").Width : 0, "g index");
                Fits(data, Module.Port("g_wr_data").Width, "g data");
                break;
            default:
                Fits(address, 0, "start address");
                Fits(data, 1, "start flag");
                break;
        }
        return (new BigInteger((int)op) << (InputAddressWidth + InputDataWidth)) | (new BigInteger(address) << InputDataWidth) | data;
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
        private readonly LayerEngineBench _layout;
        private readonly Signal _clock;
        private readonly DutPorts _ports;
        private readonly BenchSize _size;
        private readonly Signal _productsSeen;
        private readonly Signal _busySeen;

        public Binding(LayerEngineBench layout, TestbenchBuilder bench, Signal clock, DutPorts ports, BenchSize size)
        {
            _layout = layout;
            _clock = clock;
            _ports = ports;
            _size = size;
            _productsSeen = bench.Integer("products_seen");
            _busySeen = bench.Integer("busy_cycles_seen");
        }

        public Signal OutputValid => _ports["m_axis_tvalid"];
        public Signal OutputData => _ports["m_axis_tdata"];
        public Signal OutputReady => _ports["m_axis_tready"];

        public void Idle(ProcessBuilder p) => _ports.Idle(p, OutputReady);

        public void WriteImage(ProcessBuilder p, Signal entry)
        {
            int dataBits = _layout.ImageDataWidth, addressBits = _layout.ImageAddressWidth;
            var target = entry[entry.Width - 1, dataBits + addressBits];
            for (int t = 0; t < TargetPorts.Length; t++)
            {
                var port = TargetPorts[t];
                Field(p, _ports[$"{port}_wr_addr"], entry, dataBits);
                Field(p, _ports[$"{port}_wr_data"], entry, 0);
                p.Assign(_ports[$"{port}_wr_en"], target.Eq(t));
            }
            p.WaitNegedge(_clock);
        }

        public void Input(ProcessBuilder p, Signal entry)
        {
            int dataBits = _layout.InputDataWidth;
            var op = entry[entry.Width - 1, dataBits + _layout.InputAddressWidth];
            Field(p, _ports["x_wr_addr"], entry, dataBits);
            Field(p, _ports["x_wr_data"], entry, 0);
            if (_ports.Has("g_wr_idx")) Field(p, _ports["g_wr_idx"], entry, dataBits);
            Field(p, _ports["g_wr_data"], entry, 0);
            Field(p, _ports["first"], entry, 0);
            p.Assign(_ports["x_wr_en"], op.Eq((long)LayerInputOp.ActivationWord));
            p.Assign(_ports["g_wr_en"], op.Eq((long)LayerInputOp.ActivationCoefficient));
            p.Assign(_ports["start"], op.Eq((long)LayerInputOp.Start));
            p.WaitNegedge(_clock);
            p.Assign(_ports["x_wr_en"], 0).Assign(_ports["g_wr_en"], 0).Assign(_ports["start"], 0);
            // The step reads the input memory until it is done: the next step's words wait.
            p.If(op.Eq((long)LayerInputOp.Start), s => s.While(_ports["busy"] | OutputValid, w => w.WaitNegedge(_clock)));
        }

        public void MonitorSetup(ProcessBuilder p) => p.Assign(_productsSeen, 0).Assign(_busySeen, 0);

        public void MonitorCycle(ProcessBuilder p)
        {
            p.If(_ports["products_done"], c => c.Assign(_productsSeen, _productsSeen + 1));
            p.If(_ports["busy"], c => c.Assign(_busySeen, _busySeen + 1));
        }

        public void FinalChecks(ProcessBuilder p, Action<ProcessBuilder, string, Expr[]> fail)
        {
            var steps = Expr.SConst(_size.Steps, 32);
            var id = Expr.Const(_layout.Engine.Spec.DesignId, 32);
            p.If(_ports["design_id"].NotIdenticalTo(id), f => fail(f, "design id: got %h expected %h", [_ports["design_id"], id]));
            p.If(_ports["step_count"].AsSigned().NotIdenticalTo(steps), f => fail(f, "step counter: got %0d expected %0d", [_ports["step_count"], steps]));
            p.If(_productsSeen.Ne(steps), f => fail(f, "products done: got %0d expected %0d", [_productsSeen, steps]));
            p.If(_ports["busy_cycles"].AsSigned().NotIdenticalTo(_busySeen), f => fail(f, "busy-cycle counter: got %0d expected %0d", [_ports["busy_cycles"], _busySeen]));
        }

        /// <summary>A port loaded from its field of an entry: the port's width of bits from <paramref name="low"/> up.</summary>
        private static void Field(ProcessBuilder p, Signal port, Signal entry, int low)
        {
            var bits = entry[low + port.Width - 1, low];
            p.Assign(port, port.Signed ? bits.AsSigned() : bits);
        }
    }
}
