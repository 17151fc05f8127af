namespace Fpga.Host.Cpu;

/// <summary>
/// A code count known when the JIT compiles a kernel: instantiating a kernel over these structs
/// makes kw and ka constants, so the guards on unused plane pairs vanish and every
/// accumulator that remains can live in a register.
/// </summary>
internal interface ICodeCount
{
    static abstract int Count { get; }
}

internal readonly struct OneCode : ICodeCount { public static int Count => 1; }
internal readonly struct TwoCodes : ICodeCount { public static int Count => 2; }
internal readonly struct ThreeCodes : ICodeCount { public static int Count => 3; }
internal readonly struct FourCodes : ICodeCount { public static int Count => 4; }
