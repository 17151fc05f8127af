using Fpga.Host.Formats;

namespace Fpga.Host.Models.Import;

/// <summary>Shape and dtype checks shared by the importers, each failing with the file and tensor named.</summary>
internal static class ImportTensors
{
    /// <summary>The tensor's values as float32 after checking its dtype and its shape against <paramref name="expected"/>.</summary>
    public static float[] Floats(string source, TensorData tensor, int[] expected, string meaning)
    {
        RequireFloat(source, tensor);
        if (!TensorShape.SameAs(tensor.Shape, expected))
            throw FileErrors.Tensor(source, tensor.Name, $"expected shape {TensorShape.Format(expected)} ({meaning}), got {tensor.ShapeText}");
        return tensor.ToFloat32();
    }

    public static void RequireFloat(string source, TensorData tensor)
    {
        if (!tensor.DType.IsFloatingPoint())
            throw FileErrors.Tensor(source, tensor.Name, $"weights must be floating point, got {tensor.DType}");
    }

    public static void RequireRank(string source, TensorData tensor, int rank, string meaning)
    {
        RequireFloat(source, tensor);
        if (tensor.Rank != rank)
            throw FileErrors.Tensor(source, tensor.Name, $"expected a rank-{rank} tensor ({meaning}), got {tensor.ShapeText}");
    }

    /// <summary>Row-major [rows, cols] to [cols, rows].</summary>
    public static float[] Transpose(float[] values, int rows, int cols)
    {
        var result = new float[values.Length];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++) result[c * rows + r] = values[r * cols + c];
        }
        return result;
    }
}
