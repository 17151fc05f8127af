using System.Collections.Immutable;
using Fpga.Host.Formats;

namespace Fpga.Host.Models.Import.Onnx;

/// <summary>
/// What the importer knows about one ONNX value while walking the graph. Only constants are
/// computed; everything that depends on the model input is tracked symbolically.
/// </summary>
internal abstract record OnnxValue;

/// <summary>An initializer, a Constant node, or anything folded from constants.</summary>
internal sealed record OnnxConstant(TensorData Tensor) : OnnxValue;

/// <summary>An all-zero tensor whose shape depends on the input (exporters build initial states this way).</summary>
internal sealed record OnnxZeros : OnnxValue
{
    public static OnnxZeros Instance { get; } = new();
}

/// <summary>Integers computed from the input's runtime shape; they may only size zero tensors.</summary>
internal sealed record OnnxShapeNumbers : OnnxValue
{
    public static OnnxShapeNumbers Instance { get; } = new();
}

/// <summary>A value the importer refuses to use (an LSTM's cell state); consuming it is an error that says why.</summary>
internal sealed record OnnxUnusable(string Why) : OnnxValue;

/// <summary>
/// The data path: the model input after <paramref name="Stage"/> model-building steps (embedding,
/// LSTM layers, dense), laid out as <paramref name="Axes"/>.
/// </summary>
/// <param name="LastStepOnly">Only the last time step is left (Y_h, or a Gather/Slice of index -1 on the time axis).</param>
/// <param name="IsTokenIds">Still the integer token ids of the input, before the embedding.</param>
internal sealed record OnnxActivation(ImmutableArray<OnnxAxis> Axes, int Stage, bool LastStepOnly, bool IsTokenIds) : OnnxValue
{
    public int Rank => Axes.Length;

    public OnnxActivation WithAxes(IEnumerable<OnnxAxis> axes) => this with { Axes = axes.ToImmutableArray() };
}

internal enum OnnxAxisKind
{
    /// <summary>A dimension of the model input that is not the feature axis: batch or time, told apart by the first LSTM.</summary>
    Input,
    /// <summary>A dimension of size 1 (an unsqueezed axis, an LSTM's num_directions, a last-step time axis).</summary>
    Unit,
    /// <summary>The feature (hidden, output) axis; Size is -1 when the input does not declare it.</summary>
    Feature,
    /// <summary>Several input axes flattened together by a Reshape to -1.</summary>
    Merged,
}

internal readonly record struct OnnxAxis(OnnxAxisKind Kind, int Id, int Size)
{
    public static OnnxAxis Unit => new(OnnxAxisKind.Unit, -1, 1);

    public static OnnxAxis Feature(int size) => new(OnnxAxisKind.Feature, -1, size);

    public static OnnxAxis Input(int id, int size) => new(OnnxAxisKind.Input, id, size);

    public bool IsSizeOne => Size == 1 && Kind != OnnxAxisKind.Feature;
}
