namespace Fpga.Host.Golden;

/// <summary>
/// Everything one layer computed in one step, for finding where an RTL run first differs:
/// the accumulators and pre-activations of the 4H gate rows (i, f, g, o), the gate outputs,
/// the cell and hidden state, and the re-quantized hidden state (codes and G).
/// </summary>
public sealed record LayerStepTrace(
    long[] Accumulators,
    long[] PreActivations,
    long[] InputGate,
    long[] ForgetGate,
    long[] CellCandidate,
    long[] OutputGate,
    long[] Cell,
    long[] Hidden,
    CodedVector Requantized);

/// <summary>One step of a sequence: its input codes, each layer's trace, and the logits after the last step.</summary>
public sealed record GoldenStepTrace(int Step, CodedVector Input, IReadOnlyList<LayerStepTrace> Layers, long[]? DenseAccumulators, long[]? Logits);
