using Fpga.Gen.Hdl;

namespace Fpga.Gen.Cores.Link;

public sealed partial class CommandEngine
{
    /// <summary>The engine's construction, one concern per method; the fields are its shared signals.</summary>
    private sealed partial class Build(ModuleBuilder m, LinkOptions options, AcceleratorPorts ports, LinkIdentity identity)
    {
        private const int Idle = 0, Dispatch = 1, WriteWords = 2, RunBeats = 3, Drain = 4, Respond = 5, FillCounters = 6;
        private readonly int _lw = options.LengthWidth;
        private readonly int _ow = options.OffsetWidth;
        private readonly FrameDescriptor _descriptor = new(options.LengthWidth);

        private Signal _state = null!, _frameValid = null!, _encoderReady = null!;
        private Signal _frameData = null!, _take = null!;
        private Signal _expected = null!, _lastSeq = null!, _gap = null!;
        private Signal _readPointer = null!, _arrived = null!, _allArrived = null!, _readValid = null!, _bufferByte = null!;
        private Expr _reason = null!, _seq = null!, _length = null!, _bank = null!;
        private readonly List<Answer> _answers = [];
        private readonly List<(string Name, Expr Increment)> _events = [];

        /// <summary>One way a command can end: when it applies, what it answers, and whether it counts as executed.</summary>
        private sealed record Answer(Expr When, FrameType Type, Expr Length, ResponseKind Kind, NakReason? Reason, bool Executed, bool Replay = false)
        {
            /// <summary>For an answer decided as the frame is taken: the condition on the incoming frame its verdict registered.</summary>
            public Expr? Judged { get; init; }
        }

        public void Run()
        {
            _state = m.Register("state_q", 3, resetValue: Idle);
            Descriptors();
            FrameBuffer();
            Dispatching();
            Writing();
            Running();
            Filling();
            Answering();
            Counting();
        }

        private Expr In(int state) => _state.Eq(state);

        private static Expr Select(IEnumerable<(Expr When, Expr Value)> choices, Expr otherwise) =>
            choices.Reverse().Aggregate(otherwise, (rest, c) => Expr.Mux(c.When, c.Value, rest));

        /// <summary>The value whose condition holds, for conditions that exclude one another (zero when none does).</summary>
        private static Expr OneOf(IEnumerable<(Expr When, Expr Value)> choices) =>
            choices.Where(c => c.Value is not ConstExpr { Value.IsZero: true })
                .Select(c => Expr.Mux(c.When, c.Value, Expr.Zero(c.Value.Type)))
                .DefaultIfEmpty(Expr.Zero(choices.First().Value.Type))
                .Aggregate((a, b) => a | b);

        private void Descriptors()
        {
            var valid = _frameValid = m.Input("frame_valid", 1);
            var ready = m.Output("frame_ready", 1);
            var data = _frameData = m.Input("frame_data", _descriptor.Width);
            var encoderReady = _encoderReady = m.Input("enc_ready", 1);
            // A new command only once the previous answer has left, so its source stays put.
            var take = _take = m.Define("take", valid & In(Idle) & encoderReady);
            m.Assign(ready, In(Idle) & encoderReady);
            // The fields the command needs after take; its type is judged as it is taken (Dispatching).
            _reason = m.Registered("command_reason_q", _descriptor.Reason(data), enable: take);
            _seq = m.Registered("command_seq_q", _descriptor.Seq(data), enable: take);
            _length = m.Registered("command_len_q", _descriptor.Length(data), enable: take);
            _bank = m.Registered("command_bank_q", _descriptor.Bank(data), enable: take);
            var idle = m.Output("idle", 1);
            m.Assign(idle, In(Idle) & encoderReady & ~valid);
        }

        private void FrameBuffer()
        {
            var wrEn = m.Input("buf_wr_en", 1);
            var wrAddr = m.Input("buf_wr_addr", _ow + 1);
            var wrData = m.Input("buf_wr_data", 8);
            var buffer = m.Memory("frame_buffer", 8, 2 << _ow);
            buffer.Write(wrEn, wrAddr, wrData);
            _readPointer = m.Register("read_pointer_q", _lw);
            m.Describe(_readPointer, "payload bytes asked of the frame buffer so far");
            _arrived = m.Register("arrived_q", _lw);
            m.Describe(_arrived, "payload bytes delivered by the frame buffer so far");
            _allArrived = m.Register("all_arrived_q", 1);
            m.Describe(_allArrived, "arrived_q equals the payload length (from the start of a WRITE or RUN): the finish tests start from a flip-flop, not an 11-bit compare");
            _readValid = m.Register("read_valid_q", 1, resetValue: 0);
            _bufferByte = buffer.ReadRegistered("buffer_byte", Expr.Concat(_bank, _readPointer[_ow - 1, 0]));
        }

        private void Dispatching()
        {
            _expected = m.Register("expected_q", 8, resetValue: 0);
            _lastSeq = m.Register("last_seq_q", 8, resetValue: 0xFF);
            _gap = m.Register("gap_q", 1, resetValue: 0);
            m.Describe(_gap, "a NAK already told the host where to resume: frames ahead are dropped without another");
            var dispatching = In(Dispatch);

            // The frame is judged as it is taken, from the incoming descriptor, and Dispatch starts
            // from the registered verdict: the sequence subtraction and the length checks would
            // otherwise sit in front of the answer select within one clock. Judging early sees the
            // same numbers: expected_q, last_seq_q and gap_q only move when an answer is chosen
            // (executed or refused), which never happens in Idle, so between take and Dispatch
            // they hold; and the command_*_q fields are frame_data as taken.
            var frame = _frameData;
            var type = _descriptor.Type(frame);
            var seq = _descriptor.Seq(frame);
            var length = _descriptor.Length(frame);
            var error = m.Define("is_error", _descriptor.Reason(frame).Ne(0));
            var identify = m.Define("is_identify", ~error & type.Eq((long)FrameType.Identify));
            // In order is an equality, beside the subtraction rather than after its carry chain;
            // only behind and ahead need the sign of the difference (modulo 256).
            var seqBehind = m.Define("seq_behind", (seq - _expected)[7]);
            var expectedSeq = m.Define("is_expected_seq", seq.Eq(_expected));
            var inOrder = m.Define("in_order", ~error & ~identify & expectedSeq);
            var behind = m.Define("behind", ~error & ~identify & seqBehind);
            var ahead = m.Define("ahead", ~error & ~identify & ~expectedSeq & ~seqBehind);
            var emptyPayload = m.Define("empty_payload", length.Eq(0));
            var isWrite = m.Define("is_write", type.Eq((long)FrameType.Write));
            var isReset = m.Define("is_reset", type.Eq((long)FrameType.ResetState));
            var isRun = m.Define("is_run", type.Eq((long)FrameType.Run));
            var isCounters = m.Define("is_counters", type.Eq((long)FrameType.ReadCounters));
            var known = isWrite | isReset | isRun | isCounters;
            var writeLengthOk = m.Define("write_length_ok",
                length.Ge(Expr.Const(LinkProtocol.WriteAddressBytes + ports.WordBytes, _lw)) & Aligned(length - Expr.Const(LinkProtocol.WriteAddressBytes, _lw), ports.WordBytes));
            var runLengthOk = m.Define("run_length_ok", ~emptyPayload & Aligned(length, ports.InputBeatBytes));
            var lengthOk = (isWrite & writeLengthOk) | (isRun & runLengthOk) | ((isReset | isCounters) & emptyPayload);

            // One flip-flop per way Dispatch can go; exactly one is set for every frame taken.
            // Only read in Dispatch, which always follows a take: no reset needed.
            Expr Verdict(string name, Expr holds) => dispatching & m.Registered($"verdict_{name}_q", holds, enable: _take);
            // A verdict that answers at once: its answer, and the condition AnyOf sums up at take.
            Expr Judge(string name, Expr holds, FrameType answerType, Expr answerLength, ResponseKind kind, NakReason? reason, bool executed, bool replay = false)
            {
                var when = Verdict(name, holds);
                _answers.Add(new Answer(when, answerType, answerLength, kind, reason, executed, replay) { Judged = holds });
                return when;
            }
            var zero = Expr.Zero(HdlType.UInt(_lw));
            var nakLength = Expr.Const(2, _lw);
            Judge("refuse_frame", error, FrameType.Nak, nakLength, ResponseKind.Nak, null, false);
            Judge("refuse_identify", identify & ~emptyPayload, FrameType.Nak, nakLength, ResponseKind.Nak, NakReason.Malformed, false);
            Judge("identify", identify & emptyPayload, FrameType.Ack, Expr.Const(LinkIdentity.Size, _lw), ResponseKind.Identify, null, true);
            Judge("refuse_unknown", inOrder & ~known, FrameType.Nak, nakLength, ResponseKind.Nak, NakReason.UnknownType, false);
            Judge("refuse_length", inOrder & known & ~lengthOk, FrameType.Nak, nakLength, ResponseKind.Nak, NakReason.Malformed, false);
            var applyReset = Judge("reset", inOrder & lengthOk & isReset, FrameType.Ack, zero, ResponseKind.Empty, null, true);
            var replay = Judge("replay", behind & seq.Eq(_lastSeq), FrameType.Ack, zero, ResponseKind.Empty, null, false, replay: true);
            var ackOlder = Judge("ack_older", behind & seq.Ne(_lastSeq), FrameType.Ack, zero, ResponseKind.Empty, null, false);
            Judge("refuse_ahead", ahead & ~_gap, FrameType.Nak, nakLength, ResponseKind.Nak, NakReason.Sequence, false);
            var dropAhead = Verdict("drop_ahead", ahead & _gap);
            var startWrite = m.Define("start_write", Verdict("write", inOrder & lengthOk & isWrite));
            var startRun = m.Define("start_run", Verdict("run", inOrder & lengthOk & isRun));
            _startFill = m.Define("start_fill", Verdict("fill", inOrder & lengthOk & isCounters));
            var silent = m.Define("drop_silently", dropAhead);
            _events.Add(("frames_dropped", silent));
            _events.Add(("duplicates", replay | ackOlder));

            var stateReset = m.Output("state_reset", 1);
            m.Assign(stateReset, m.Registered("state_reset_q", applyReset, resetValue: 0));
            _startWrite = startWrite;
            _startRun = startRun;
            _silent = silent;
        }

        private Expr _startWrite = null!, _startRun = null!, _silent = null!, _startFill = null!;

        /// <summary>value is a multiple of bytes (a power of two).</summary>
        private static Expr Aligned(Expr value, int bytes) => bytes == 1 ? Expr.True : value[BitWidth.Log2Ceiling(bytes) - 1, 0].Eq(0);

        private int CounterCount => LinkCounters.Names.Count + ports.Counters.Count;
    }
}
