namespace Fpga.Sim.Verilator;

/// <summary>Waveform support compiled into a model; tracing costs speed, so it is opt-in per build.</summary>
public enum WaveformFormat
{
    None,
    Vcd,
    Fst,
}
