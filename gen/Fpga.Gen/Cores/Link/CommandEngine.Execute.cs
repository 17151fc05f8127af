using Fpga.Gen.Hdl;

namespace Fpga.Gen.Cores.Link;

public sealed partial class CommandEngine
{
    private sealed partial class Build
    {
        private Signal _overflow = null!, _outCount = null!;
        private Memory _outputBuffer = null!;
        private Expr _captureBeat = null!, _outputBeat = null!;

        /// <summary>Payload bytes come out of the frame buffer one cycle after they are asked for.</summary>
        private void Reader(Expr start, Expr ask)
        {
            var asking = m.Define("read_ask", ask & _readPointer.Lt(_length) & ~start);
            m.Next(_readPointer, Expr.Mux(start, Expr.Zero(_readPointer.Type), _readPointer + 1), enable: start | asking);
            m.Next(_readValid, asking);
            m.Next(_arrived, Expr.Mux(start, Expr.Zero(_arrived.Type), _arrived + 1), enable: start | _readValid);
            // Follows arrived_q a cycle ahead: loads with it, from the value arrived_q is about to take.
            m.Next(_allArrived, Expr.Mux(start, _length.Eq(0), (_arrived + 1).Eq(_length)), enable: start | _readValid);
        }

        /// <summary>Shifts a byte into a little-endian assembly register; returns the assembled value.</summary>
        private static Expr ShiftIn(Signal register, Expr data) =>
            register.Width == 8 ? data : Expr.Concat(data, register[register.Width - 1, 8]);

        private void Writing()
        {
            int wb = ports.WordBytes, aw = ports.AddressWidth;
            var got = m.Define("write_byte", _readValid & In(WriteWords));
            // Fewer address bytes than a power of two is "every bit above them clear". Kept in a
            // flip-flop that loads with arrived_q, from the value arrived_q is about to take, so the
            // address and lane enables start from it rather than from a compare.
            int addressBits = BitWidth.Log2Ceiling(LinkProtocol.WriteAddressBytes);
            if (1 << addressBits != LinkProtocol.WriteAddressBytes || addressBits >= _lw)
                throw new HdlConstructionException("the write address phase is judged by the high bits of the arrived count");
            var addressPhase = m.Register("address_phase_q", 1);
            m.Describe(addressPhase, "fewer than the address bytes have arrived (arrived_q below 4)");
            var start = _startWrite | _startRun;
            m.Next(addressPhase, Expr.Mux(start, Expr.True, (_arrived + 1)[_lw - 1, addressBits].Eq(0)), enable: start | _readValid);
            var address = m.Register("address_q", 32);
            m.Describe(address, "the word address of the next write, little endian from the payload's first 4 bytes");
            var lane = m.Register("word_lane_q", Math.Max(1, BitWidth.Log2Ceiling(wb)));
            var dataByte = m.Define("data_byte", got & ~addressPhase);
            var wordDone = m.Define("word_done", dataByte & lane.Eq(wb - 1));
            var addressBad = m.Define("address_bad", aw < 32 ? address[31, aw].Ne(0) : Expr.False);
            m.Next(address, Expr.Mux(addressPhase, Expr.Concat(_bufferByte, address[31, 8]), address + 1), enable: (got & addressPhase) | wordDone);
            m.Next(lane, Expr.Mux(_startWrite | wordDone, Expr.Zero(lane.Type), lane + 1), enable: _startWrite | dataByte);
            m.Assign(m.Output("cfg_wr_en", 1), m.Registered("cfg_wr_en_q", wordDone & ~addressBad, resetValue: 0));
            m.Assign(m.Output("cfg_wr_addr", aw), m.Registered("cfg_wr_addr_q", address[aw - 1, 0], enable: wordDone));
            // Each byte lands in its lane of the word on the bus: complete from the cycle after its
            // last byte (cfg_wr_en's), while the next word's first byte lands a cycle later at the earliest.
            var lanes = Enumerable.Range(0, (ports.DataWidth + 7) / 8)
                .Select(k => (Expr)m.Registered($"wr_data_lane{k}_q", _bufferByte[Math.Min(8, ports.DataWidth - 8 * k) - 1, 0], enable: dataByte & lane.Eq(k)))
                .Reverse().ToArray();
            m.Assign(m.Output("cfg_wr_data", ports.DataWidth), lanes.Length == 1 ? lanes[0] : Expr.Concat(lanes));

            // Judged per word as it is written: the address after the last word may be past the end.
            var refused = m.Register("address_refused_q", 1);
            m.Next(refused, Expr.Mux(_startWrite, Expr.False, Expr.True), enable: _startWrite | (wordDone & addressBad));
            var finished = m.Define("write_finished", In(WriteWords) & _allArrived & ~_readValid);
            _answers.Add(new Answer(finished & refused, FrameType.Nak, Expr.Const(2, _lw), ResponseKind.Nak, NakReason.Address, false));
            _answers.Add(new Answer(finished & ~refused, FrameType.Ack, Expr.Zero(HdlType.UInt(_lw)), ResponseKind.Empty, null, true));
            _writeFinished = finished;
        }

        private Expr _writeFinished = null!, _inputsDone = null!, _runFinished = null!;

        private void Running()
        {
            int ib = ports.InputBeatBytes, ob = ports.OutputBeatBytes;
            var beatValid = m.Register("beat_valid_q", 1, resetValue: 0);
            // A RUN reads a byte only when the last one has landed and no beat waits: the accelerator may stall.
            Reader(_startWrite | _startRun, In(WriteWords) | (In(RunBeats) & ~_readValid & ~beatValid));
            var got = m.Define("run_byte", _readValid & In(RunBeats));
            var lane = m.Register("beat_lane_q", Math.Max(1, BitWidth.Log2Ceiling(ib)));
            var beat = m.Register("beat_q", 8 * ib);
            var beatDone = m.Define("beat_done", got & lane.Eq(ib - 1));
            var toAccelerator = m.Output("m_axis_tvalid", 1);
            var acceleratorReady = m.Input("m_axis_tready", 1);
            m.Assign(m.Output("m_axis_tdata", ports.InputWidth), beat[ports.InputWidth - 1, 0]);
            m.Next(lane, Expr.Mux(_startRun | beatDone, Expr.Zero(lane.Type), lane + 1), enable: _startRun | got);
            m.Next(beat, ShiftIn(beat, _bufferByte), enable: got);
            m.Next(beatValid, beatDone | (beatValid & ~acceleratorReady));
            m.Assign(toAccelerator, beatValid);

            // Outputs are always taken, so a stray beat can never hang the accelerator; only a RUN keeps them.
            var fromValid = m.Input("s_axis_tvalid", 1);
            var fromData = m.Input("s_axis_tdata", ports.OutputWidth);
            m.Assign(m.Output("s_axis_tready", 1), Expr.True);
            int capacity = options.MaxPayload / ob;
            _outCount = m.Register("out_count_q", BitWidth.ForUnsigned(capacity));
            var full = m.Define("out_full", _outCount.Eq(capacity));
            var capture = m.Define("capture", fromValid & (In(RunBeats) | In(Drain)));
            _overflow = m.Register("overflow_q", 1);
            _outputBuffer = m.Memory("output_buffer", 8 * ob, capacity);
            // Written in Counting: READ_COUNTERS fills the same buffer with the counters.
            _captureBeat = m.Define("capture_beat", capture & ~full);
            _outputBeat = fromData.Resize(8 * ob);
            m.Next(_overflow, Expr.Mux(_startRun, Expr.False, Expr.True), enable: _startRun | (capture & full));

            _inputsDone = m.Define("inputs_done", In(RunBeats) & _allArrived & ~_readValid & ~beatValid);
            // Busy rises the cycle after a beat is taken: a few cycles of grace before trusting it low.
            var settle = m.Register("settle_q", 2);
            m.Next(settle, Expr.Mux(_inputsDone, Expr.Zero(settle.Type), Expr.Mux(settle.Eq(3), settle, settle + 1)), enable: _inputsDone | In(Drain));
            var busy = m.Input("acc_busy", 1);
            // "In Drain with settle_q at 3", known a cycle ahead, so the end of a RUN starts from a
            // flip-flop on its way to the answer registers' enables. Drain is only entered by
            // inputs_done, which clears settle_q, and only left by run_finished.
            var settled = m.Register("settled_q", 1, resetValue: 0);
            _runFinished = m.Define("run_finished", settled & ~busy & ~fromValid);
            m.Next(settled, In(Drain) & ~_runFinished & settle[1]);
            var outputLength = ob == 1 ? _outCount.Resize(_lw) : _outCount.Resize(_lw) << BitWidth.Log2Ceiling(ob);
            _answers.Add(new Answer(_runFinished & _overflow, FrameType.Nak, Expr.Const(2, _lw), ResponseKind.Nak, NakReason.Overflow, true));
            _answers.Add(new Answer(_runFinished & ~_overflow, FrameType.Ack, outputLength, ResponseKind.Output, null, true));
        }
    }
}
