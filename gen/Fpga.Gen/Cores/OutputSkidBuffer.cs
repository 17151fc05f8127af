using Fpga.Gen.Hdl;

namespace Fpga.Gen.Cores;

/// <summary>
/// The two-entry output of a pipeline that stalls as a whole: an output register plus a skid
/// register. The pipeline moves while the skid register is empty (<see cref="Advance"/>, a
/// register, so no combinational path runs from m_axis_tready back to s_axis_tready); in the
/// cycle the sink stalls, the beat the last stage hands over waits in the skid register.
/// </summary>
public sealed class OutputSkidBuffer
{
    private readonly ModuleBuilder _m;
    private readonly Signal _skidValid;

    public OutputSkidBuffer(ModuleBuilder m)
    {
        _m = m;
        _skidValid = m.Register("skid_valid_q", 1, resetValue: 0);
        Advance = m.Define("advance", ~_skidValid);
    }

    /// <summary>High while the pipeline may move.</summary>
    public Signal Advance { get; }

    /// <summary>Takes the last stage's valid and data and drives the m_axis ports.</summary>
    public void Connect(Expr lastValid, Expr lastData, Signal mValid, Signal mData, Signal mReady)
    {
        var outValid = _m.Register("out_valid_q", 1, resetValue: 0);
        var outData = _m.Register("out_data_q", lastData.Type);
        var skidData = _m.Register("skid_data_q", lastData.Type);
        var outFree = _m.Define("out_free", mReady | ~outValid);
        _m.Next(outValid, Expr.Mux(outFree, _skidValid | lastValid, outValid));
        _m.Next(outData, Expr.Mux(_skidValid, skidData, lastData), enable: outFree);
        _m.Next(_skidValid, Expr.Mux(outFree, Expr.False, _skidValid | lastValid));
        _m.Next(skidData, lastData, enable: Advance & ~outFree);
        _m.Assign(mValid, outValid);
        _m.Assign(mData, outData);
    }
}
