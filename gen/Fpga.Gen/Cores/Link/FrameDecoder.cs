using Fpga.Gen.Hdl;
using Fpga.Gen.Ir;

namespace Fpga.Gen.Cores.Link;

/// <summary>
/// Bytes from the UART in, frames out. Hunts for SYNC, reads TYPE, SEQ and LEN, writes the
/// payload into one bank of the two frame buffers and checks the CRC. Every frame ends in one
/// descriptor for the command engine: good (reason 0, the bank holding its payload) or refused
/// (a NAK reason: CRC, LEN above the maximum, cut short by the inter-byte timeout, or noise
/// bytes outside any frame followed by a quiet line). Nothing here can wait on the line, so
/// the decoder never stalls: the payload of the next frame goes into the other bank while the
/// engine works on this one, and a frame that starts while a descriptor is still waiting
/// (both banks taken) is read to its end and dropped, for the host's retry to bring again.
/// </summary>
public sealed class FrameDecoder
{
    private FrameDecoder(LinkOptions options, ModuleIr module, FrameDescriptor descriptor)
    {
        Options = options;
        Module = module;
        Descriptor = descriptor;
    }

    public LinkOptions Options { get; }
    public ModuleIr Module { get; }
    public FrameDescriptor Descriptor { get; }

    public static FrameDecoder Generate(LinkOptions options, DesignConventions? conventions = null)
    {
        options.Validate();
        int lw = options.LengthWidth, ow = options.OffsetWidth;
        var descriptor = new FrameDescriptor(lw);
        var m = new ModuleBuilder($"link_frame_decoder_p{options.MaxPayload}_t{options.TimeoutClocks}", conventions);
        m.Comment($"Frame decoder: payloads up to {options.MaxPayload} bytes into two banks; a frame quiet for {options.TimeoutClocks} clocks is cut short.");
        var sValid = m.Input("s_axis_tvalid", 1);
        var sData = m.Input("s_axis_tdata", 8);
        var bufWrEn = m.Output("buf_wr_en", 1);
        var bufWrAddr = m.Output("buf_wr_addr", ow + 1);
        var bufWrData = m.Output("buf_wr_data", 8);
        var mValid = m.Output("m_axis_tvalid", 1);
        var mReady = m.Input("m_axis_tready", 1);
        var mData = m.Output("m_axis_tdata", descriptor.Width);
        var junkByte = m.Output("junk_byte", 1);
        var dropped = m.Output("dropped", 1);
        var hunting = m.Output("hunting", 1);

        const int Hunt = 0, Type = 1, Seq = 2, Len0 = 3, Len1 = 4, Payload = 5, Crc0 = 6, Crc1 = 7;
        var state = m.Register("state_q", 3, resetValue: Hunt);
        var type = m.Register("type_q", 8);
        var seq = m.Register("seq_q", 8);
        var lenLow = m.Register("len_low_q", 8);
        var length = m.Register("length_q", lw);
        var offset = m.Register("offset_q", lw);
        var crc = m.Register("crc_q", 16);
        var bank = m.Register("bank_q", 1, resetValue: 0);
        var discard = m.Register("discard_q", 1);
        m.Describe(discard, "the frame started while both banks were taken: read it to its end, then drop it");
        var junk = m.Register("junk_q", 1, resetValue: 0);
        m.Describe(junk, "bytes outside any frame were seen since the line was last quiet");
        long timeout = options.TimeoutClocks;
        var timer = m.Register("timer_q", BitWidth.ForUnsigned(timeout), resetValue: 0);

        var got = sValid;
        Expr In(int s) => state.Eq(s);
        var crcNext = m.Define("crc_next", LinkCrc.UpdateRtl(crc, sData));
        // Unnamed, so the emitter's temporary carries the waiver for LEN's bits above the maximum.
        var fullLength = Expr.Concat(sData, lenLow);
        // LEN's low byte is judged as it arrives, so the high byte's cycle compares 8 bits, not 16:
        // the 16-bit compare fed the end-of-frame report and the engine's drop logic (36 ns on the UP5K).
        int maxHigh = options.MaxPayload >> 8, maxLow = options.MaxPayload & 0xff;
        var lowAbove = m.Registered("len_low_above_q", sData.Gt(Expr.Const(maxLow, 8)), enable: got & state.Eq(Len0));
        var lowZero = m.Registered("len_low_zero_q", sData.Eq(0), enable: got & state.Eq(Len0));
        var tooLong = m.Define("too_long", sData.Gt(Expr.Const(maxHigh, 8)) | (sData.Eq(maxHigh) & lowAbove));
        var emptyPayload = m.Define("empty_payload", sData.Eq(0) & lowZero);
        var lastPayload = m.Define("last_payload", (offset + 1).Eq(length));
        var crcGood = m.Define("crc_good", crcNext.Eq(0));
        var quiet = m.Define("quiet", ~got & timer.Eq(timeout - 1));
        var inFrame = m.Define("in_frame", ~In(Hunt));

        // The one descriptor register: what ends a frame, in priority order.
        var endGood = m.Define("end_good", got & In(Crc1) & crcGood);
        var endCrc = m.Define("end_crc", got & In(Crc1) & ~crcGood);
        var endLength = m.Define("end_length", got & In(Len1) & tooLong);
        var endTimeout = m.Define("end_timeout", quiet & inFrame);
        var endNoise = m.Define("end_noise", quiet & ~inFrame & junk);
        var report = m.Define("report", ((endGood | endCrc | endLength) & ~discard) | endTimeout | endNoise);
        var descValid = m.Register("desc_valid_q", 1, resetValue: 0);
        var slotFree = m.Define("slot_free", ~descValid | mReady);
        var emit = m.Define("emit", report & slotFree);
        var reason = Expr.Mux(endCrc, Expr.Const((int)NakReason.Crc, 8),
            Expr.Mux(endLength, Expr.Const((int)NakReason.Length, 8),
            Expr.Mux(endTimeout, Expr.Const((int)NakReason.Timeout, 8),
            Expr.Mux(endNoise, Expr.Const((int)NakReason.Noise, 8), Expr.Const(0, 8)))));
        m.Next(descValid, emit | (descValid & ~mReady));
        var desc = m.Registered("desc_q", descriptor.Pack(reason, type, seq, length, bank), enable: emit);
        m.Assign(mData, desc);
        m.Assign(mValid, descValid);
        m.Next(bank, ~bank, enable: emit & endGood);

        var next = Expr.Mux(In(Hunt), Expr.Mux(sData.Eq(LinkProtocol.Sync), Expr.Const(Type, 3), Expr.Const(Hunt, 3)),
            Expr.Mux(In(Type), Expr.Const(Seq, 3),
            Expr.Mux(In(Seq), Expr.Const(Len0, 3),
            Expr.Mux(In(Len0), Expr.Const(Len1, 3),
            Expr.Mux(In(Len1), Expr.Mux(tooLong, Expr.Const(Hunt, 3), Expr.Mux(emptyPayload, Expr.Const(Crc0, 3), Expr.Const(Payload, 3))),
            Expr.Mux(In(Payload), Expr.Mux(lastPayload, Expr.Const(Crc0, 3), Expr.Const(Payload, 3)),
            Expr.Mux(In(Crc0), Expr.Const(Crc1, 3), Expr.Const(Hunt, 3))))))));
        m.Next(state, Expr.Mux(endTimeout, Expr.Const(Hunt, 3), next), enable: got | endTimeout);
        m.Next(crc, Expr.Mux(In(Hunt), Expr.Const(LinkCrc.Initial, 16), crcNext), enable: got);
        m.Next(type, sData, enable: got & In(Type));
        m.Next(seq, sData, enable: got & In(Seq));
        m.Next(lenLow, sData, enable: got & In(Len0));
        m.Next(length, fullLength[lw - 1, 0], enable: got & In(Len1));
        m.Next(offset, Expr.Mux(In(Len1), Expr.Zero(offset.Type), offset + 1), enable: got & (In(Len1) | In(Payload)));
        m.Next(discard, descValid, enable: got & In(Hunt));
        var junkSeen = m.Define("junk_seen", got & In(Hunt) & sData.Ne(LinkProtocol.Sync));
        m.Next(junk, Expr.Mux(junkSeen, Expr.True, Expr.Mux(quiet | got, Expr.False, junk)));
        // The timer runs while a frame is open or junk waits to be reported, and restarts on every byte.
        m.Next(timer, Expr.Mux(got | quiet | ~(inFrame | junk), Expr.Zero(timer.Type), timer + 1));

        m.Assign(bufWrEn, got & In(Payload) & ~discard);
        m.Assign(bufWrAddr, Expr.Concat(bank, offset[ow - 1, 0]));
        m.Assign(bufWrData, sData);
        m.Assign(junkByte, junkSeen);
        m.Assign(dropped, (got & In(Crc1) & discard) | (report & ~slotFree));
        m.Assign(hunting, In(Hunt) & ~junk);
        return new FrameDecoder(options, m.Build(), descriptor);
    }
}
