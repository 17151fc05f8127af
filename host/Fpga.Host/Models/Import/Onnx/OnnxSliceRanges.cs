namespace Fpga.Host.Models.Import.Onnx;

/// <summary>A Slice node's starts, ends, axes and steps (inputs since opset 10, attributes before).</summary>
internal sealed record OnnxSliceRanges(long[] Starts, long[] Ends, long[]? Axes, long[]? Steps)
{
    public readonly record struct Range(int Axis, long Start, long Step, int Count);

    /// <summary>Clamps the ranges against known dimensions with ONNX semantics.</summary>
    public IEnumerable<Range> Resolve(OnnxNode node, IReadOnlyList<int> shape)
    {
        Validate(node);
        for (int i = 0; i < Starts.Length; i++)
        {
            int axis = OnnxAxes.Normalize(node, Axes?[i] ?? i, shape.Count);
            long dim = shape[axis];
            long step = Steps?[i] ?? 1;
            long start = Starts[i] < 0 ? Starts[i] + dim : Starts[i];
            long end = Ends[i] < 0 ? Ends[i] + dim : Ends[i];
            long count;
            if (step > 0)
            {
                start = Math.Clamp(start, 0, dim);
                end = Math.Clamp(end, 0, dim);
                count = end > start ? (end - start + step - 1) / step : 0;
            }
            else
            {
                start = Math.Clamp(start, 0, dim - 1);
                end = Math.Clamp(end, -1, dim - 1);
                count = start > end ? (start - end - step - 1) / -step : 0;
            }
            yield return new Range(axis, start, step, (int)count);
        }
    }

    public void Validate(OnnxNode node)
    {
        if (Ends.Length != Starts.Length || (Axes is not null && Axes.Length != Starts.Length) || (Steps is not null && Steps.Length != Starts.Length))
            throw node.Fail("starts, ends, axes and steps differ in length");
        if (Steps is not null && Steps.Contains(0)) throw node.Fail("a slice step of 0 is invalid");
    }
}
