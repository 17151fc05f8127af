using Fpga.Host.Cpu;
using Fpga.Host.Golden;
using Fpga.Host.Models;
using Fpga.Host.Quantization;

namespace Fpga.Perf;

/// <summary>
/// One LSTM layer (seeded random weights, PyTorch's initialization) run over a sequence of
/// seeded N(0, 1) inputs: by the float32 baseline and by the XNOR-popcount engine at each bit
/// width (weights and activations alternating-quantized, kw = ka = bits; every step quantizes
/// its input online and re-quantizes h greedily, as on chip). A step costs the 4H x I input
/// product plus the 4H x H recurrent product plus the cell.
/// </summary>
public sealed class LstmStepFixture
{
    private readonly LstmSequenceBatch _inputs;
    private readonly FloatLstmSequence _float;
    private readonly Dictionary<int, (CpuLstm Engine, CpuLstmSequence Sequence, ActivationQuantization Method)> _quantized = [];

    public LstmStepFixture(int inputSize, int hiddenSize, int steps, IEnumerable<int> bits, int threads, PopcountIsa? isa = null)
    {
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        Steps = steps;
        Model = RandomLstmModel.Create(inputSize, hiddenSize, 1, 0, seed: 2018);
        _inputs = RandomLstmModel.Inputs(1, steps, inputSize, seed: 7);
        var floatEngine = new FloatLstm(Model, threads);
        FloatBytes = floatEngine.WeightBytes;
        _float = floatEngine.NewSequence();
        foreach (int b in bits)
        {
            var method = new ActivationQuantization(QuantMethod.Alternating, b);
            var (quantized, _) = ModelQuantizer.Quantize(Model, new QuantizerOptions(QuantMethod.Alternating, b), method);
            var engine = new CpuLstm(ModelImage.Build(quantized, AcceleratorSpecs.ForModel(quantized)), new CpuLstmOptions { Isa = isa ?? PopcountIsas.Best, Threads = threads });
            _quantized[b] = (engine, engine.NewSequence(), method);
        }
    }

    public int InputSize { get; }
    public int HiddenSize { get; }
    public int Steps { get; }
    public LstmModel Model { get; }
    public long FloatBytes { get; }

    /// <summary>[steps, features] of the one sequence, for peers that take the same input.</summary>
    public float[] Inputs => _inputs.Values!;

    public long PackedBytes(int bits) => _quantized[bits].Engine.WeightBytes;

    public void FloatSequence()
    {
        _float.Reset();
        for (int t = 0; t < Steps; t++) _float.Step(Step(t));
    }

    public void XnorSequence(int bits)
    {
        var (_, sequence, method) = _quantized[bits];
        sequence.Reset();
        for (int t = 0; t < Steps; t++) sequence.Step(Step(t), method);
    }

    private ReadOnlySpan<float> Step(int t) => _inputs.Values.AsSpan(t * InputSize, InputSize);
}
