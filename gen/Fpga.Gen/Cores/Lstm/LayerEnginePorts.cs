namespace Fpga.Gen.Cores.Lstm;

/// <summary>
/// Which optional ports a layer engine has, so that an engine inside the accelerator top
/// carries no output nobody reads (every generated module lints clean with -Wall).
/// </summary>
/// <param name="Counters">design_id, step_count and busy_cycles (a stand-alone layer; the top keeps its own).</param>
/// <param name="HiddenStream">m_axis with h; without it h goes only to the re-quantizer.</param>
/// <param name="CodeStream">codes_*: the re-quantized h, for the layer above's input unit.</param>
/// <param name="ProductsDone">products_done: both products have handed over their last beat (the input unit has read its activations).</param>
public sealed record LayerEnginePorts(bool Counters, bool HiddenStream, bool CodeStream, bool ProductsDone)
{
    public static readonly LayerEnginePorts Standalone = new(Counters: true, HiddenStream: true, CodeStream: false, ProductsDone: true);

    /// <summary>Distinguishes module names of engines with different ports: h, c, p for the streams present.</summary>
    public string Suffix => (HiddenStream ? "h" : "") + (CodeStream ? "c" : "") + (ProductsDone ? "p" : "") is { Length: > 0 } s ? s : "x";
}
