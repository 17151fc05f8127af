using Fpga.Gen.Hdl;
using Fpga.Gen.Ir;

namespace Fpga.Gen.Cores.Link;

/// <summary>
/// Answers out: given TYPE, SEQ and LEN, sends SYNC, the header, LEN payload bytes fetched
/// from the command engine (pl_addr out, pl_data back one cycle later, as a block RAM reads)
/// and the CRC, most significant byte first, into the UART transmitter. It fetches each byte
/// while the UART still shifts out the one before, so the answer leaves at the full line rate.
/// </summary>
public sealed class FrameEncoder
{
    private FrameEncoder(LinkOptions options, ModuleIr module)
    {
        Options = options;
        Module = module;
    }

    public LinkOptions Options { get; }
    public ModuleIr Module { get; }

    public static FrameEncoder Generate(LinkOptions options, DesignConventions? conventions = null)
    {
        options.Validate();
        int lw = options.LengthWidth, ow = options.OffsetWidth;
        int iw = BitWidth.ForUnsigned(options.MaxPayload + LinkProtocol.Overhead);
        var m = new ModuleBuilder($"link_frame_encoder_p{options.MaxPayload}", conventions);
        m.Comment($"Frame encoder: answers with up to {options.MaxPayload} payload bytes, CRC-16/CCITT-FALSE most significant byte first.");
        var startValid = m.Input("start_valid", 1);
        var startReady = m.Output("start_ready", 1);
        var startType = m.Input("start_type", 8);
        var startSeq = m.Input("start_seq", 8);
        var startLength = m.Input("start_len", lw);
        var plAddr = m.Output("pl_addr", ow);
        var plData = m.Input("pl_data", 8);
        var mValid = m.Output("m_axis_tvalid", 1);
        var mReady = m.Input("m_axis_tready", 1);
        var mData = m.Output("m_axis_tdata", 8);

        const int Idle = 0, Fetch = 1, Send = 2;
        var state = m.Register("state_q", 2, resetValue: Idle);
        var index = m.Register("index_q", iw);
        m.Describe(index, "the frame byte being sent: 0 is SYNC, 5 the first payload byte");
        var type = m.Register("type_q", 8);
        var seq = m.Register("seq_q", 8);
        var length = m.Register("length_q", lw);
        var crc = m.Register("crc_q", 16);

        var start = m.Define("start", startValid & state.Eq(Idle));
        var len = length.Resize(iw);
        var payloadEnd = m.Define("payload_end", len + Expr.Const(LinkProtocol.HeaderBytes, iw));
        // Where the byte falls in the frame is decided in its Fetch cycle (index does not change
        // until it is sent): on the UP5K the compares against payload_end, the byte select and the
        // CRC update in one cycle were a 35 ns path.
        var fetching = state.Eq(Fetch);
        var inHeader = m.Registered("in_header_q", index.Lt(Expr.Const(LinkProtocol.HeaderBytes, iw)), enable: fetching);
        var inPayload = m.Registered("in_payload_q", index.Lt(payloadEnd), enable: fetching);
        var crcHigh = m.Registered("crc_high_q", index.Eq(payloadEnd), enable: fetching);
        var last = m.Registered("last_byte_q", index.Eq(payloadEnd + 1), enable: fetching);
        var covered = m.Registered("crc_covered_q", index.Ge(Expr.Const(1, iw)) & index.Lt(payloadEnd), enable: fetching);
        var headerByte = Expr.Mux(index.Eq(0), Expr.Const(LinkProtocol.Sync, 8),
            Expr.Mux(index.Eq(1), type,
            Expr.Mux(index.Eq(2), seq,
            Expr.Mux(index.Eq(3), length.Resize(16)[7, 0], length.Resize(16)[15, 8]))));
        var outByte = m.Define("out_byte", Expr.Mux(inHeader, headerByte,
            Expr.Mux(inPayload, plData,
            Expr.Mux(crcHigh, crc[15, 8], crc[7, 0]))));
        var sent = m.Define("sent", state.Eq(Send) & mReady);

        m.Next(state, Expr.Mux(start, Expr.Const(Fetch, 2),
            Expr.Mux(state.Eq(Fetch), Expr.Const(Send, 2),
            Expr.Mux(sent, Expr.Mux(last, Expr.Const(Idle, 2), Expr.Const(Fetch, 2)), state))));
        m.Next(index, Expr.Mux(start, Expr.Zero(index.Type), index + 1), enable: start | sent);
        m.Next(type, startType, enable: start);
        m.Next(seq, startSeq, enable: start);
        m.Next(length, startLength, enable: start);
        m.Next(crc, Expr.Mux(start, Expr.Const(LinkCrc.Initial, 16), LinkCrc.UpdateRtl(crc, outByte)), enable: start | (sent & covered));
        m.Assign(startReady, state.Eq(Idle));
        m.Assign(plAddr, (index - Expr.Const(LinkProtocol.HeaderBytes, iw))[ow - 1, 0]);
        m.Assign(mValid, state.Eq(Send));
        m.Assign(mData, outByte);
        return new FrameEncoder(options, m.Build());
    }
}
