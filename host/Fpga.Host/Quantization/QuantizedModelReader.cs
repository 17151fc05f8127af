using System.Buffers.Binary;
using System.Globalization;
using Fpga.Host.Formats;
using Fpga.Host.Formats.Safetensors;
using Fpga.Host.Models;
using static Fpga.Host.Quantization.QuantizedModelFormat;

namespace Fpga.Host.Quantization;

/// <summary>
/// Reads <see cref="QuantizedModelFormat"/> files, checking the version, the gate order, every
/// tensor's presence, dtype and shape against the metadata, and the plane padding bits.
/// </summary>
public static class QuantizedModelReader
{
    public static bool IsQuantizedModel(TensorArchive archive) => archive.Metadata.GetValueOrDefault(FormatKey) == FormatName;

    public static QuantizedModel Read(string path) => FromArchive(SafetensorsReader.Read(path));

    public static QuantizedModel FromArchive(TensorArchive archive)
    {
        var reader = new Reader(archive);
        return reader.Model();
    }

    private sealed class Reader(TensorArchive archive)
    {
        private readonly HashSet<string> _used = new(StringComparer.Ordinal);
        private string Source => archive.Source;

        public QuantizedModel Model()
        {
            string format = Meta(FormatKey);
            if (format != FormatName) throw FileErrors.File(Source, $"not a quantized model file (metadata format is '{format}', expected '{FormatName}')");
            int version = Int(VersionKey, 1, int.MaxValue);
            if (version != CurrentVersion) throw FileErrors.File(Source, $"quantized model format version {version} is not supported (this tool reads version {CurrentVersion})");
            string gates = Meta(GateOrderKey);
            if (gates != QuantizedModel.GateOrder.Name) throw FileErrors.File(Source, $"gate order '{gates}' is not the canonical '{QuantizedModel.GateOrder.Name}'");

            int count = Int(LayersKey, 1, 10_000);
            var embedding = Flag(HasEmbeddingKey) ? Embedding() : null;
            var layers = new List<QuantizedLstmLayer>();
            for (int l = 0; l < count; l++) layers.Add(LstmLayer(l, l == 0 ? embedding?.Dimension : layers[^1].HiddenSize));
            var dense = Flag(HasDenseKey) ? Dense(layers[^1].HiddenSize) : null;

            var extra = archive.Tensors.FirstOrDefault(t => !_used.Contains(t.Name));
            if (extra is not null) throw FileErrors.Tensor(Source, extra.Name, "is not part of the quantized model layout");
            return new QuantizedModel(layers, embedding, dense);
        }

        private EmbeddingLayer Embedding()
        {
            var table = Tensor(EmbeddingTensor, TensorDType.F32);
            if (table.Rank != 2 || table.Shape[0] == 0 || table.Shape[1] == 0) throw FileErrors.Tensor(Source, table.Name, $"expected [vocab, dim], got {table.ShapeText}");
            return new EmbeddingLayer(table.Shape[0], table.Shape[1], table.ToFloat32());
        }

        private QuantizedLstmLayer LstmLayer(int l, int? inputSize)
        {
            var weightHh = Matrix(WeightHh(l), rows: null, cols: null);
            int hidden = weightHh.Cols;
            if (weightHh.Rows != 4 * hidden) throw FileErrors.Tensor(Source, Planes(WeightHh(l)), $"W_hh must be [4H, H]: {weightHh.Rows} rows for {hidden} columns");
            var weightIh = Matrix(WeightIh(l), rows: 4 * hidden, cols: inputSize);
            return new QuantizedLstmLayer(weightIh, weightHh, Floats(BiasIh(l), 4 * hidden), Floats(BiasHh(l), 4 * hidden), Activation(Layer(l)));
        }

        private QuantizedDenseLayer Dense(int hidden)
        {
            var weights = Matrix(DenseWeight, rows: null, cols: hidden);
            return new QuantizedDenseLayer(weights, Floats(DenseBias, weights.Rows), Activation(DenseLayerName));
        }

        private QuantizedTensor Matrix(string name, int? rows, int? cols)
        {
            var method = Method(Meta(QuantizedModelFormat.Method(name)), QuantizedModelFormat.Method(name));
            int bits = Int(Bits(name), 1, QuantizedTensor.MaxCodes);
            int columns = Int(Cols(name), 1, int.MaxValue);
            if (cols is { } expectedCols && columns != expectedCols)
                throw FileErrors.Tensor(Source, Planes(name), $"has {columns} columns but the previous layer gives {expectedCols}");
            int words = (columns + 63) / 64;
            var planes = Tensor(Planes(name), TensorDType.U8);
            int planeRows = planes.Rank == 3 ? planes.Shape[0] : -1;
            if (planes.Rank != 3 || planeRows == 0 || planes.Shape[1] != bits || planes.Shape[2] != words * 8 || (rows is { } r && planeRows != r))
                throw FileErrors.Tensor(Source, planes.Name, $"expected [{rows?.ToString(CultureInfo.InvariantCulture) ?? "rows"}, {bits}, {words * 8}] for {bits} bits and {columns} columns, got {planes.ShapeText}");
            var words64 = new ulong[planes.Bytes.Length / 8];
            for (int i = 0; i < words64.Length; i++) words64[i] = BinaryPrimitives.ReadUInt64LittleEndian(planes.Bytes.AsSpan(i * 8));
            var coefficients = Floats(Coefficients(name), planeRows, bits);
            var offsets = Floats(Offsets(name), planeRows);
            try
            {
                return new QuantizedTensor(planeRows, columns, bits, method, words64, coefficients, offsets);
            }
            catch (ArgumentException e)
            {
                throw FileErrors.Tensor(Source, planes.Name, e.Message.Split(" (Parameter")[0], e);
            }
        }

        private ActivationQuantization Activation(string layer) =>
            new(Method(Meta(ActivationMethod(layer)), ActivationMethod(layer)), Int(ActivationBits(layer), 1, QuantizedTensor.MaxCodes));

        private float[] Floats(string name, params int[] shape)
        {
            var tensor = Tensor(name, TensorDType.F32);
            if (!TensorShape.SameAs(tensor.Shape, shape)) throw FileErrors.Tensor(Source, name, $"expected shape {TensorShape.Format(shape)}, got {tensor.ShapeText}");
            return tensor.ToFloat32();
        }

        private TensorData Tensor(string name, TensorDType dtype)
        {
            var tensor = archive.Require(name);
            if (tensor.DType != dtype) throw FileErrors.Tensor(Source, name, $"expected dtype {dtype.SafetensorsName()}, got {tensor.DType.SafetensorsName()}");
            _used.Add(name);
            return tensor;
        }

        private string Meta(string key) =>
            archive.Metadata.GetValueOrDefault(key) ?? throw FileErrors.File(Source, $"metadata has no '{key}' entry");

        private int Int(string key, int min, int max)
        {
            string text = Meta(key);
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
                throw FileErrors.File(Source, $"metadata '{key}' is '{text}', expected an integer in {min}..{max}");
            return value;
        }

        private bool Flag(string key) => Meta(key) switch
        {
            "true" => true,
            "false" => false,
            var other => throw FileErrors.File(Source, $"metadata '{key}' is '{other}', expected true or false"),
        };

        private QuantMethod Method(string text, string key) =>
            Enum.GetNames<QuantMethod>().Contains(text, StringComparer.Ordinal)
                ? Enum.Parse<QuantMethod>(text)
                : throw FileErrors.File(Source, $"metadata '{key}' names an unknown quantization method '{text}' (known: {string.Join(", ", Enum.GetNames<QuantMethod>())})");
    }
}
