using Fpga.Host.Formats;
using Fpga.Host.Models;
using Fpga.Host.Models.Import;
using Fpga.Host.Tests.Support;

namespace Fpga.Host.Tests.Models;

/// <summary>
/// Each importer reads a file whose gate blocks are marked 1 (input), 2 (forget), 3 (cell) and
/// 4 (output) in that framework's own order, written out literally here rather than through
/// <see cref="LstmGateOrder"/>, and must produce the canonical order i, f, g, o = 1, 2, 3, 4.
/// </summary>
public sealed class GateOrderTests : IDisposable
{
    private const int H = 2;
    private const int I = 3;
    private static readonly float[] Canonical = [1, 2, 3, 4];
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void CanonicalOrderIsPyTorchs()
    {
        Assert.Equal("i,f,g,o", LstmGateOrder.Canonical.Name);
        Assert.Equal([LstmGate.Input, LstmGate.Forget, LstmGate.Cell, LstmGate.Output], LstmGateOrder.Canonical.Gates);
    }

    [Fact]
    public void PyTorchRowsIfgoStayInPlace()
    {
        var archive = new TensorArchive("pt.safetensors",
        [
            TensorData.FromFloat32("lstm.weight_ih_l0", [4 * H, I], Rows([1, 2, 3, 4], I)),
            TensorData.FromFloat32("lstm.weight_hh_l0", [4 * H, H], Rows([1, 2, 3, 4], H)),
            TensorData.FromFloat32("lstm.bias_ih_l0", [4 * H], Rows([1, 2, 3, 4], 1)),
            TensorData.FromFloat32("lstm.bias_hh_l0", [4 * H], Rows([1, 2, 3, 4], 1)),
        ]);
        AssertCanonical(PyTorchStateDictImporter.Import(archive).Layers[0]);
    }

    [Fact]
    public void KerasColumnsIfcoBecomeCanonicalRows()
    {
        var archive = new TensorArchive("keras.npz",
        [
            TensorData.FromFloat32("lstm/lstm_cell/kernel:0", [I, 4 * H], Columns([1, 2, 3, 4], I)),
            TensorData.FromFloat32("lstm/lstm_cell/recurrent_kernel:0", [H, 4 * H], Columns([1, 2, 3, 4], H)),
            TensorData.FromFloat32("lstm/lstm_cell/bias:0", [4 * H], Rows([1, 2, 3, 4], 1)),
        ]);
        var layer = KerasWeightsImporter.Import(archive).Layers[0];
        Assert.Equal(Expand(Canonical, H * I), layer.WeightIh);
        Assert.Equal(Expand(Canonical, H * H), layer.WeightHh);
        Assert.Equal(Expand(Canonical, H), layer.BiasIh);
        Assert.Equal(new float[4 * H], layer.BiasHh);
    }

    [Fact]
    public void OnnxRowsIofcAreReordered()
    {
        // ONNX stacks i, o, f, c: markers 1, 4, 2, 3. B is [Wb, Rb], each in that order.
        var model = OnnxFixtures.Load("lstm1_linear.onnx");
        var lstm = OnnxFixtures.Node(model, "LSTM");
        var w = OnnxFixtures.Initializer(model, lstm.Input[1]);
        var r = OnnxFixtures.Initializer(model, lstm.Input[2]);
        var b = OnnxFixtures.Initializer(model, lstm.Input[3]);
        int hidden = (int)r.Dims[2], input = (int)w.Dims[2];
        OnnxFixtures.Replace(model, TensorData.FromFloat32(w.Name, [1, 4 * hidden, input], Rows([1, 4, 2, 3], input, hidden)));
        OnnxFixtures.Replace(model, TensorData.FromFloat32(r.Name, [1, 4 * hidden, hidden], Rows([1, 4, 2, 3], hidden, hidden)));
        OnnxFixtures.Replace(model, TensorData.FromFloat32(b.Name, [1, 8 * hidden], [.. Rows([1, 4, 2, 3], 1, hidden), .. Rows([10, 40, 20, 30], 1, hidden)]));

        var layer = OnnxLstmImporter.Import(OnnxFixtures.Save(model, _dir, "marked.onnx")).Model.Layers[0];
        Assert.Equal(Expand(Canonical, hidden * input), layer.WeightIh);
        Assert.Equal(Expand(Canonical, hidden * hidden), layer.WeightHh);
        Assert.Equal(Expand(Canonical, hidden), layer.BiasIh);
        Assert.Equal(Expand([10, 20, 30, 40], hidden), layer.BiasHh);
    }

    [Fact]
    public void ReorderingRoundTripsForEveryFramework()
    {
        var values = TestTensors.Floats(4 * H * I, 5);
        foreach (var order in new[] { LstmGateOrder.PyTorch, LstmGateOrder.Keras, LstmGateOrder.Onnx })
        {
            Assert.Equal(values, order.ToCanonical(order.FromCanonical(values, H, I), H, I));
        }
        Assert.Equal(Expand([1, 4, 2, 3], H * I), LstmGateOrder.Onnx.FromCanonical(Expand(Canonical, H * I), H, I));
    }

    private static void AssertCanonical(LstmLayer layer)
    {
        Assert.Equal(Expand(Canonical, H * I), layer.WeightIh);
        Assert.Equal(Expand(Canonical, H * H), layer.WeightHh);
        Assert.Equal(Expand(Canonical, H), layer.BiasIh);
        Assert.Equal(Expand(Canonical, H), layer.BiasHh);
    }

    /// <summary>Four row blocks of <paramref name="hidden"/> rows x <paramref name="cols"/>, block k filled with markers[k].</summary>
    private static float[] Rows(float[] markers, int cols, int hidden = H) => Expand(markers, hidden * cols);

    /// <summary>[rows, 4H] whose column block k is filled with markers[k] (Keras kernels).</summary>
    private static float[] Columns(float[] markers, int rows)
    {
        var result = new float[rows * 4 * H];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < 4 * H; c++) result[r * 4 * H + c] = markers[c / H];
        }
        return result;
    }

    private static float[] Expand(float[] markers, int blockSize) => markers.SelectMany(m => Enumerable.Repeat(m, blockSize)).ToArray();
}
