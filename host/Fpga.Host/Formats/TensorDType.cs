namespace Fpga.Host.Formats;

/// <summary>Element types the tensor files of this toolchain can hold; all are stored little-endian.</summary>
public enum TensorDType
{
    F32,
    F16,
    BF16,
    F64,
    I64,
    I32,
    I16,
    I8,
    U8,
    Bool,
}
