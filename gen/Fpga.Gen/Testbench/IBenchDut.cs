using Fpga.Gen.Hdl;
using Fpga.Gen.Ir;

namespace Fpga.Gen.Testbench;

/// <summary>
/// What a self-checking bench needs to know of a device under test, and nothing else: how wide
/// an image entry and an input entry are, what an output beat is, and how to attach the device
/// to a testbench. Everything device-specific (write ports, control, streams) lives in one
/// small adapter per device.
/// </summary>
public interface IBenchDut
{
    ModuleIr Module { get; }

    /// <summary>Bits of one entry of <see cref="BenchFiles.Image"/>.</summary>
    int ImageEntryWidth { get; }

    /// <summary>Bits of one entry of <see cref="BenchFiles.Input"/>.</summary>
    int InputEntryWidth { get; }

    /// <summary>Outputs the device produces per step (a step's index is printed on a mismatch).</summary>
    int OutputsPerStep { get; }

    /// <summary>Instantiates the device in the bench and connects its ports.</summary>
    IBenchDutBinding Attach(TestbenchBuilder bench, Signal clock, Signal reset, BenchSize size);
}

/// <summary>
/// The device attached to one bench. Every method adds statements to an initial block; the
/// bench drives inputs just after a falling clock edge and the device samples them on the
/// rising one, so neither simulator sees a race.
/// </summary>
public interface IBenchDutBinding
{
    /// <summary>The output stream: valid, data (compared with the expected file) and the ready the bench drives.</summary>
    Signal OutputValid { get; }
    Signal OutputData { get; }
    Signal OutputReady { get; }

    /// <summary>Gives every input the bench drives, but the output ready, its idle value.</summary>
    void Idle(ProcessBuilder p);

    /// <summary>Applies one image entry (held in a bench variable) and returns after the device has taken it.</summary>
    void WriteImage(ProcessBuilder p, Signal entry);

    /// <summary>Applies one input entry (held in a bench variable) and returns when the next may follow.</summary>
    void Input(ProcessBuilder p, Signal entry);

    /// <summary>Initializes the monitor's own bookkeeping variables.</summary>
    void MonitorSetup(ProcessBuilder p);

    /// <summary>Bookkeeping once per cycle in the output monitor, where signals have settled for the coming edge (counting pulses, say).</summary>
    void MonitorCycle(ProcessBuilder p);

    /// <summary>Checks after the last output; each failure calls <paramref name="fail"/> with a message and its arguments.</summary>
    void FinalChecks(ProcessBuilder p, Action<ProcessBuilder, string, Expr[]> fail);
}
