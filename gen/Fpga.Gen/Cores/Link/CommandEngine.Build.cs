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
        private Signal _command = null!;
        private Signal _expected = null!, _lastSeq = null!, _gap = null!;
        private Signal _readPointer = null!, _arrived = null!, _readValid = null!, _bufferByte = null!;
        private Expr _type = null!, _seq = null!, _length = null!;
        private readonly List<Answer> _answers = [];
        private readonly List<(string Name, Expr Increment)> _events = [];

        /// <summary>One way a command can end: when it applies, what it answers, and whether it counts as executed.</summary>
        private sealed record Answer(Expr When, FrameType Type, Expr Length, ResponseKind Kind, NakReason? Reason, bool Executed, bool Replay = false);

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

        private void Descriptors()
        {
            var valid = _frameValid = m.Input("frame_valid", 1);
            var ready = m.Output("frame_ready", 1);
            var data = m.Input("frame_data", _descriptor.Width);
            var encoderReady = _encoderReady = m.Input("enc_ready", 1);
            // A new command only once the previous answer has left, so its source stays put.
            var take = m.Define("take", valid & In(Idle) & encoderReady);
            m.Assign(ready, In(Idle) & encoderReady);
            _command = m.Registered("command_q", data, enable: take);
            _type = _descriptor.Type(_command);
            _seq = _descriptor.Seq(_command);
            _length = _descriptor.Length(_command);
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
            _readValid = m.Register("read_valid_q", 1, resetValue: 0);
            _bufferByte = buffer.ReadRegistered("buffer_byte", Expr.Concat(_descriptor.Bank(_command), _readPointer[_ow - 1, 0]));
        }

        private void Dispatching()
        {
            _expected = m.Register("expected_q", 8, resetValue: 0);
            _lastSeq = m.Register("last_seq_q", 8, resetValue: 0xFF);
            _gap = m.Register("gap_q", 1, resetValue: 0);
            m.Describe(_gap, "a NAK already told the host where to resume: frames ahead are dropped without another");
            var dispatching = In(Dispatch);
            var reason = _descriptor.Reason(_command);
            var error = m.Define("is_error", reason.Ne(0));
            var identify = m.Define("is_identify", ~error & _type.Eq((long)FrameType.Identify));
            var diff = m.Define("seq_diff", _seq - _expected);
            var inOrder = m.Define("in_order", ~error & ~identify & diff.Eq(0));
            var behind = m.Define("behind", ~error & ~identify & diff[7]);
            var ahead = m.Define("ahead", ~error & ~identify & diff.Ne(0) & ~diff[7]);
            var emptyPayload = m.Define("empty_payload", _length.Eq(0));
            var isWrite = m.Define("is_write", _type.Eq((long)FrameType.Write));
            var isReset = m.Define("is_reset", _type.Eq((long)FrameType.ResetState));
            var isRun = m.Define("is_run", _type.Eq((long)FrameType.Run));
            var isCounters = m.Define("is_counters", _type.Eq((long)FrameType.ReadCounters));
            var known = isWrite | isReset | isRun | isCounters;
            var writeLengthOk = m.Define("write_length_ok",
                _length.Ge(Expr.Const(LinkProtocol.WriteAddressBytes + ports.WordBytes, _lw)) & Aligned(_length - Expr.Const(LinkProtocol.WriteAddressBytes, _lw), ports.WordBytes));
            var runLengthOk = m.Define("run_length_ok", ~emptyPayload & Aligned(_length, ports.InputBeatBytes));
            var lengthOk = (isWrite & writeLengthOk) | (isRun & runLengthOk) | ((isReset | isCounters) & emptyPayload);

            var zero = Expr.Zero(HdlType.UInt(_lw));
            var nakLength = Expr.Const(2, _lw);
            _answers.Add(new Answer(dispatching & error, FrameType.Nak, nakLength, ResponseKind.Nak, null, false));
            _answers.Add(new Answer(dispatching & identify & ~emptyPayload, FrameType.Nak, nakLength, ResponseKind.Nak, NakReason.Malformed, false));
            _answers.Add(new Answer(dispatching & identify & emptyPayload, FrameType.Ack, Expr.Const(LinkIdentity.Size, _lw), ResponseKind.Identify, null, true));
            _answers.Add(new Answer(dispatching & inOrder & ~known, FrameType.Nak, nakLength, ResponseKind.Nak, NakReason.UnknownType, false));
            _answers.Add(new Answer(dispatching & inOrder & known & ~lengthOk, FrameType.Nak, nakLength, ResponseKind.Nak, NakReason.Malformed, false));
            _answers.Add(new Answer(dispatching & inOrder & lengthOk & isReset, FrameType.Ack, zero, ResponseKind.Empty, null, true));
            _answers.Add(new Answer(dispatching & behind & _seq.Eq(_lastSeq), FrameType.Ack, zero, ResponseKind.Empty, null, false, Replay: true));
            _answers.Add(new Answer(dispatching & behind & _seq.Ne(_lastSeq), FrameType.Ack, zero, ResponseKind.Empty, null, false));
            _answers.Add(new Answer(dispatching & ahead & ~_gap, FrameType.Nak, nakLength, ResponseKind.Nak, NakReason.Sequence, false));
            var silent = m.Define("drop_silently", dispatching & ahead & _gap);
            _events.Add(("frames_dropped", silent));
            _events.Add(("duplicates", dispatching & behind));

            var startWrite = m.Define("start_write", dispatching & inOrder & lengthOk & isWrite);
            var startRun = m.Define("start_run", dispatching & inOrder & lengthOk & isRun);
            _startFill = m.Define("start_fill", dispatching & inOrder & lengthOk & isCounters);
            var stateReset = m.Output("state_reset", 1);
            m.Assign(stateReset, m.Registered("state_reset_q", dispatching & inOrder & lengthOk & isReset, resetValue: 0));
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
