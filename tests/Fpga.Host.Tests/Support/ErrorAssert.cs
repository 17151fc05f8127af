using Fpga.Host.Diagnostics;

namespace Fpga.Host.Tests.Support;

public static class ErrorAssert
{
    /// <summary>Asserts an <see cref="FpgaException"/> whose one-line message names every given part.</summary>
    public static FpgaException Names(Action action, params string[] parts)
    {
        var error = Assert.Throws<FpgaException>(action);
        Assert.DoesNotContain('\n', error.Message);
        foreach (var part in parts) Assert.Contains(part, error.Message);
        return error;
    }
}
