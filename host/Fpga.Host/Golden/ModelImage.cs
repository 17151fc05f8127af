using Fpga.Gen.Spec;
using Fpga.Host.Diagnostics;
using Fpga.Host.Quantization;

namespace Fpga.Host.Golden;

/// <summary>
/// The all-integer image the host uploads (docs/NUMERICS.md, "The model image"), checked
/// against its spec: every dimension, code count and integer range. The golden model and the
/// packer read only this.
/// </summary>
public sealed class ModelImage
{
    public ModelImage(AcceleratorSpec spec, IReadOnlyList<LayerImage> layers, DenseImage? dense)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(layers);
        spec.Validate();
        if (layers.Count != spec.Layers) throw new FpgaException($"the image has {layers.Count} layers but the spec {spec.Layers}");
        for (int l = 0; l < layers.Count; l++) CheckLayer(spec, l, layers[l]);
        if ((dense is null) != (spec.DenseOutputs == 0))
            throw new FpgaException(dense is null ? $"the spec has {spec.DenseOutputs} dense outputs but the image no dense layer" : "the image has a dense layer but the spec none");
        if (dense is not null)
        {
            CheckMatrix(spec, "dense.weight", dense.Weights, spec.DenseOutputs, spec.HiddenSize);
            CheckRange("dense bias", dense.Bias, spec.DenseOutputs, spec.Gate);
        }
        Spec = spec;
        Layers = layers.ToArray();
        Dense = dense;
    }

    public AcceleratorSpec Spec { get; }
    public IReadOnlyList<LayerImage> Layers { get; }
    public DenseImage? Dense { get; }

    /// <summary>
    /// The image of <paramref name="model"/> for <paramref name="spec"/>: A = sat(round(alpha * 2^FA)),
    /// Bias = sat(round((b_ih + b_hh) * 2^FZ)), dense biases likewise, and with static
    /// re-quantization G = sat(round(gamma * 2^FG)) of the calibrated <paramref name="staticCoefficients"/>
    /// (one list of ka reals per layer, see <see cref="StaticCalibration"/>).
    /// </summary>
    public static ModelImage Build(QuantizedModel model, AcceleratorSpec spec, IReadOnlyList<IReadOnlyList<double>>? staticCoefficients = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(spec);
        AcceleratorSpecs.CheckSupported(model);
        bool isStatic = spec.Requantization == HiddenRequantization.Static;
        if (isStatic && staticCoefficients is null)
            throw new FpgaException("static re-quantization needs calibrated coefficients: run the float model over calibration inputs (StaticCalibration)");
        if (staticCoefficients is not null && staticCoefficients.Count != model.Layers.Count)
            throw new FpgaException($"expected static coefficients for {model.Layers.Count} layers, got {staticCoefficients.Count}");

        var layers = model.Layers.Select((layer, l) => new LayerImage(
            Matrix(layer.WeightIh, spec),
            Matrix(layer.WeightHh, spec),
            layer.BiasIh.Select((b, r) => FixedPoint.Quantize((double)b + layer.BiasHh[r], spec.Gate)).ToArray(),
            isStatic ? staticCoefficients![l].Select(g => FixedPoint.Quantize(g, spec.ActivationCoefficient)).ToArray() : null)).ToArray();
        var dense = model.Dense is { } d
            ? new DenseImage(Matrix(d.Weights, spec), d.Bias.Select(b => FixedPoint.Quantize(b, spec.Gate)).ToArray())
            : null;
        return new ModelImage(spec, layers, dense);
    }

    private static ImageMatrix Matrix(QuantizedTensor tensor, AcceleratorSpec spec) =>
        new(tensor.Rows, tensor.Cols, tensor.Codes, (ulong[])tensor.Planes.Clone(),
            tensor.Coefficients.Select(a => FixedPoint.Quantize(a, spec.WeightCoefficient)).ToArray());

    private static void CheckLayer(AcceleratorSpec spec, int l, LayerImage layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        CheckMatrix(spec, $"weight_ih_l{l}", layer.InputWeights, spec.GateRows, spec.LayerInputSize(l));
        CheckMatrix(spec, $"weight_hh_l{l}", layer.HiddenWeights, spec.GateRows, spec.HiddenSize);
        CheckRange($"layer {l} bias", layer.Bias, spec.GateRows, spec.Gate);
        if (spec.Requantization == HiddenRequantization.Static)
        {
            if (layer.StaticCoefficients is null)
                throw new FpgaException($"layer {l} has no static re-quantization coefficients but the spec re-quantizes statically");
            CheckRange($"layer {l} static coefficients", layer.StaticCoefficients, spec.ActivationCodes, spec.ActivationCoefficient);
            // Static codes follow the residual's sign; a negative level would break the nearest-level rule and the residual bound.
            if (layer.StaticCoefficients.Any(g => g < 0))
                throw new FpgaException($"layer {l} static coefficients must not be negative, got [{string.Join(", ", layer.StaticCoefficients)}]");
        }
        else if (layer.StaticCoefficients is not null)
        {
            throw new FpgaException($"layer {l} has static re-quantization coefficients but the spec re-quantizes {spec.Requantization.ToString().ToLowerInvariant()}");
        }
    }

    private static void CheckMatrix(AcceleratorSpec spec, string name, ImageMatrix matrix, int rows, int cols)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (matrix.Rows != rows || matrix.Cols != cols)
            throw new FpgaException($"{name} is {matrix.Rows}x{matrix.Cols} but the spec needs {rows}x{cols}");
        if (matrix.Codes != spec.WeightCodes)
            throw new FpgaException($"{name} has {matrix.Codes} weight codes but the spec {spec.WeightCodes}");
        CheckRange($"{name} coefficients", matrix.Coefficients, rows * spec.WeightCodes, spec.WeightCoefficient);
    }

    private static void CheckRange(string name, long[] values, int count, FixedFormat format)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        if (values.Length != count) throw new FpgaException($"{name}: expected {count} values, got {values.Length}");
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] < format.Min || values[i] > format.Max)
                throw new FpgaException($"{name}: value {i} = {values[i]} is outside the {format} range {format.Min}..{format.Max}");
        }
    }
}
