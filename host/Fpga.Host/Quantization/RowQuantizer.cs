namespace Fpga.Host.Quantization;

/// <summary>Sends one row to the kernel of the chosen method.</summary>
internal static class RowQuantizer
{
    public static void Quantize(ReadOnlySpan<float> values, QuantizedRow row, QuantizerOptions options, RowScratch scratch)
    {
        switch (options.Method)
        {
            case QuantMethod.Binary: BinaryQuantizer.QuantizeRow(values, row); break;
            case QuantMethod.BinaryConnect: BinaryConnectQuantizer.QuantizeRow(values, row); break;
            case QuantMethod.Ternary: TernaryQuantizer.QuantizeRow(values, row); break;
            case QuantMethod.Quaternary: QuaternaryQuantizer.QuantizeRow(values, row, scratch); break;
            case QuantMethod.Greedy: GreedyQuantizer.QuantizeRow(values, row, scratch); break;
            case QuantMethod.Refined: RefinedQuantizer.QuantizeRow(values, row, scratch); break;
            case QuantMethod.Alternating: AlternatingQuantizer.QuantizeRow(values, row, options.Cycles, scratch); break;
            case QuantMethod.Uniform: UniformQuantizer.QuantizeRow(values, row, scratch); break;
            case QuantMethod.Int8: Int8Quantizer.QuantizeRow(values, row); break;
            default: throw new ArgumentException($"no row kernel for {options.Method}", nameof(options));
        }
    }
}
