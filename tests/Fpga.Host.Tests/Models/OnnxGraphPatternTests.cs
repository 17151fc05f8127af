using Fpga.Host.Formats;
using Fpga.Host.Formats.Onnx;
using Fpga.Host.Formats.Onnx.Proto;
using Fpga.Host.Models.Import;
using Fpga.Host.Tests.Support;

namespace Fpga.Host.Tests.Models;

/// <summary>Other node patterns exporters emit around the LSTM, spliced into a real export; the imported weights must not change.</summary>
public sealed class OnnxGraphPatternTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly Fpga.Host.Models.LstmModel Reference = OnnxLstmImporter.Import(Fixtures.Path("lstm1_linear.onnx")).Model;

    [Fact]
    public void FlatteningReshapeBeforeTheDenseLayerIsFollowed()
    {
        // output.view(-1, hidden) before the decoder, as in PyTorch's word language model.
        var model = OnnxFixtures.Load("lstm1_linear.onnx");
        InsertBefore(model, OnnxFixtures.Node(model, "MatMul"), 0, "Reshape", Constant(model, "flat", [-1, 4]));
        var import = Import(model);
        Assert.Equal(Reference.Dense!.Weights, import.Model.Dense!.Weights);
        Assert.False(import.OutputsLastStepOnly);
    }

    [Fact]
    public void ReshapeThatSplitsTheFeatureAxisIsRejected()
    {
        var model = OnnxFixtures.Load("lstm1_linear.onnx");
        InsertBefore(model, OnnxFixtures.Node(model, "MatMul"), 0, "Reshape", Constant(model, "split", [-1, 2]));
        ErrorAssert.Names(() => Import(model), "(Reshape)", "feature axis");
    }

    [Fact]
    public void ExpandedZeroStatesAndIdentityAreAccepted()
    {
        // Zero initial state as Expand(zeros [1, 1, 4], shape) instead of ConstantOfShape, passed through an Identity.
        var model = OnnxFixtures.Load("lstm1_linear.onnx");
        var constantOfShape = OnnxFixtures.Node(model, "ConstantOfShape");
        model.Graph.Initializer.Add(OnnxTensors.FromTensorData(TensorData.FromFloat32("zero_state", [1, 1, 4], new float[4])));
        constantOfShape.OpType = "Expand";
        constantOfShape.Attribute.Clear();
        constantOfShape.Input.Insert(0, "zero_state");
        InsertBefore(model, OnnxFixtures.Node(model, "LSTM"), 5, "Identity");
        var import = Import(model);
        Assert.Equal(Reference.Layers[0].WeightHh, import.Model.Layers[0].WeightHh);
    }

    [Fact]
    public void SliceOfTheLastTimeStepIsFollowed()
    {
        // x[:, -1:, :] then squeeze, instead of Gather(-1).
        var model = OnnxFixtures.Load("lstm1_last_step.onnx");
        // The first Gather reads the batch size for the initial state; the last one picks the time step.
        int index = model.Graph.Node.IndexOf(model.Graph.Node.Last(n => n.OpType == "Gather"));
        var gather = model.Graph.Node[index];
        var slice = new NodeProto { Name = "/last", OpType = "Slice" };
        slice.Input.AddRange([gather.Input[0], Constant(model, "starts", [-1]), Constant(model, "ends", [long.MaxValue]), Constant(model, "axes", [1])]);
        slice.Output.Add("last_step");
        var squeeze = new NodeProto { Name = "/squeeze_last", OpType = "Squeeze" };
        squeeze.Input.AddRange(["last_step", Constant(model, "squeeze_axes", [1])]);
        squeeze.Output.Add(gather.Output[0]);
        model.Graph.Node[index] = slice;
        model.Graph.Node.Insert(index + 1, squeeze);
        var import = Import(model);
        Assert.True(import.OutputsLastStepOnly);
        Assert.Equal(Reference.Layers[0].WeightIh, import.Model.Layers[0].WeightIh);
    }

    [Fact]
    public void SliceOfTheFeatureAxisIsRejected()
    {
        var model = OnnxFixtures.Load("lstm1_linear.onnx");
        var matmul = OnnxFixtures.Node(model, "MatMul");
        var slice = new NodeProto { Name = "/half", OpType = "Slice" };
        slice.Input.AddRange([matmul.Input[0], Constant(model, "s0", [0]), Constant(model, "s1", [2]), Constant(model, "s2", [2])]);
        slice.Output.Add("half");
        model.Graph.Node.Insert(model.Graph.Node.IndexOf(matmul), slice);
        matmul.Input[0] = "half";
        ErrorAssert.Names(() => Import(model), "(Slice)", "feature axis");
    }

    private OnnxImport Import(ModelProto model) => OnnxLstmImporter.Import(OnnxFixtures.Save(model, _dir, "pattern.onnx"));

    /// <summary>Routes input <paramref name="inputIndex"/> of <paramref name="consumer"/> through a new single-input (plus constants) node.</summary>
    private static void InsertBefore(ModelProto model, NodeProto consumer, int inputIndex, string opType, params string[] extraInputs)
    {
        string routed = $"{opType.ToLowerInvariant()}_{inputIndex}_out";
        var node = new NodeProto { Name = "/inserted_" + opType, OpType = opType };
        node.Input.Add(consumer.Input[inputIndex]);
        node.Input.AddRange(extraInputs);
        node.Output.Add(routed);
        model.Graph.Node.Insert(model.Graph.Node.IndexOf(consumer), node);
        consumer.Input[inputIndex] = routed;
    }

    private static string Constant(ModelProto model, string name, long[] values)
    {
        model.Graph.Initializer.Add(OnnxTensors.FromTensorData(TensorData.FromInt64(name, [values.Length], values)));
        return name;
    }
}
