namespace Fpga.Host.Models;

/// <summary>The container formats a model file can come in.</summary>
public enum ModelFileFormat
{
    Safetensors,
    Npz,
    Onnx,
}
