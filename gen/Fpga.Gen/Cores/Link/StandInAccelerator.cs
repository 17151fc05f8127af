using Fpga.Gen.Hdl;
using Fpga.Gen.Ir;
using Fpga.Gen.Spec;

namespace Fpga.Gen.Cores.Link;

/// <summary>
/// A small accelerator with the real one's port shape, to test the link on its own: a
/// 1024-word memory behind the write bus, a state (beats since state_reset) and a stream
/// that answers each input beat x with mem[x mod 1024] + state + (x div 1024), one output per input. Every
/// part can be observed from the host, so a write or a run applied twice shows: counters
/// write_count (words written) and step_count (beats processed), both since reset.
/// </summary>
public sealed class StandInAccelerator
{
    public const int AddressWidth = 10;
    public const int DataWidth = 32;
    public const int InputWidth = 16;
    public const int OutputWidth = 32;

    private StandInAccelerator(ModuleIr module) => Module = module;

    public ModuleIr Module { get; }

    /// <summary>What the stand-in answers for input x with the given memory and state (the reference the tests check against).</summary>
    public static uint Answer(IReadOnlyList<uint> memory, int input, uint state) =>
        unchecked(memory[input % (1 << AddressWidth)] + state + (uint)(input >> AddressWidth));

    public static StandInAccelerator Generate(AcceleratorSpec spec, DesignConventions? conventions = null)
    {
        var m = new ModuleBuilder($"link_stand_in_{spec.Hash[..8]}", conventions ?? new DesignConventions(spec.Reset));
        m.Comment("Stand-in accelerator for link tests: memory, state and counters with the accelerator's port shape.");
        var wrEn = m.Input("cfg_wr_en", 1);
        var wrAddr = m.Input("cfg_wr_addr", AddressWidth);
        var wrData = m.Input("cfg_wr_data", DataWidth);
        var stateReset = m.Input("state_reset", 1);
        var sValid = m.Input("s_axis_tvalid", 1);
        var sReady = m.Output("s_axis_tready", 1);
        var sData = m.Input("s_axis_tdata", InputWidth);
        var mValid = m.Output("m_axis_tvalid", 1);
        var mReady = m.Input("m_axis_tready", 1);
        var mData = m.Output("m_axis_tdata", OutputWidth);
        var busy = m.Output("busy", 1);
        var designId = m.Output("design_id", 32);
        var stepCount = m.Output("step_count", 32);
        var writeCount = m.Output("write_count", 32);
        m.Assign(designId, Expr.Const(spec.DesignId, 32));

        var memory = m.Memory("words", DataWidth, 1 << AddressWidth);
        memory.Write(wrEn, wrAddr, wrData);
        var readValid = m.Register("read_valid_q", 1, resetValue: 0);
        var outValid = m.Register("out_valid_q", 1, resetValue: 0);
        var accept = m.Define("accept", sValid & ~readValid & ~outValid);
        var word = memory.ReadRegistered("word_q", sData[AddressWidth - 1, 0]);
        var beats = m.Register("beats_q", 32, resetValue: 0);
        m.Describe(beats, "the state: beats since state_reset");
        var offset = m.Registered("offset_q", beats + sData[InputWidth - 1, AddressWidth].Resize(32), enable: accept);
        m.Next(beats, Expr.Mux(stateReset, Expr.Zero(beats.Type), beats + 1), enable: stateReset | accept);
        m.Next(readValid, accept);
        m.Next(outValid, readValid | (outValid & ~mReady));
        m.Assign(mData, m.Registered("out_q", word + offset, enable: readValid));
        m.Assign(mValid, outValid);
        m.Assign(sReady, ~readValid & ~outValid);
        m.Assign(busy, readValid | outValid);
        var steps = m.Register("step_count_q", 32, resetValue: 0);
        m.Next(steps, steps + 1, enable: accept);
        m.Assign(stepCount, steps);
        var writes = m.Register("write_count_q", 32, resetValue: 0);
        m.Next(writes, writes + 1, enable: wrEn);
        m.Assign(writeCount, writes);
        return new StandInAccelerator(m.Build());
    }
}
