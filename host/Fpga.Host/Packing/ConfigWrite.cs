using System.Numerics;

namespace Fpga.Host.Packing;

/// <summary>One write on the accelerator's bus: cfg_wr_addr and the right-aligned cfg_wr_data.</summary>
public readonly record struct ConfigWrite(ulong Address, BigInteger Data);
