namespace Fpga.Host.Models.Import.Onnx;

/// <summary>What an input axis turned out to be, as the first LSTM's layout attribute tells.</summary>
internal enum OnnxAxisRole
{
    Batch,
    Time,
}
