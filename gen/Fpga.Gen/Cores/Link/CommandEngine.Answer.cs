using Fpga.Gen.Hdl;

namespace Fpga.Gen.Cores.Link;

public sealed partial class CommandEngine
{
    private sealed partial class Build
    {
        /// <summary>
        /// Every way a command ends loads the answer registers; an executed command also stores
        /// its answer for replay and moves the expected sequence number on.
        /// </summary>
        private void Answering()
        {
            // Whether any answer of a kind applies. These enable wide registers, so the answers
            // judged at take are summed up in one more verdict flip-flop then and there, rather than
            // ORed from their verdicts here on the way to the enables.
            Expr AnyOf(string name, Func<Answer, bool> which)
            {
                var judged = _answers.Where(a => a.Judged is not null && which(a)).Select(a => a.Judged!).ToList();
                var terms = _answers.Where(a => a.Judged is null && which(a)).Select(a => a.When).ToList();
                if (judged.Count > 0)
                    terms.Insert(0, In(Dispatch) & m.Registered($"verdict_{name}_q", judged.Aggregate((a, b) => a | b), enable: _take));
                return m.Define(name, terms.Aggregate((a, b) => a | b));
            }
            var finishing = AnyOf("finishing", _ => true);
            var executed = AnyOf("executed", a => a.Executed);
            var refused = AnyOf("refused", a => a.Type == FrameType.Nak && !a.Executed);

            var savedType = m.Register("saved_type_q", 8, resetValue: (int)FrameType.Ack);
            var savedLength = m.Register("saved_len_q", _lw, resetValue: 0);
            var savedKind = m.Register("saved_kind_q", 3, resetValue: (int)ResponseKind.Empty);
            var savedNak = m.Register("saved_nak_q", 16, resetValue: 0);
            var reasonField = _reason;
            // A NAK names the number expected after it: each answer knows whether it executes.
            Expr ExpectedAfter(Answer a) => a.Executed ? _seq + 1 : _expected;

            // At most one answer applies in a cycle (each belongs to one state, and Dispatch's to
            // one verdict), so the answer is an AND-OR of them, not a priority chain as deep as
            // their number. When none applies the value is unused: the registers it feeds load
            // only on finishing or executed.
            Expr Pick(Func<Answer, Expr> value, Expr saved) =>
                OneOf(_answers.Select(a => (a.When, a.Replay ? saved : value(a))));
            var type = m.Define("answer_type", Pick(a => Expr.Const((int)a.Type, 8), savedType));
            var length = m.Define("answer_len", Pick(a => a.Length, savedLength));
            var kind = m.Define("answer_kind", Pick(a => Expr.Const((int)a.Kind, 3), savedKind));
            var nak = m.Define("answer_nak", Pick(a => Expr.Concat(ExpectedAfter(a), a.Reason is { } r ? Expr.Const((int)r, 8) : reasonField), savedNak));

            var respType = m.Registered("resp_type_q", type, enable: finishing);
            var respSeq = m.Registered("resp_seq_q", _seq, enable: finishing);
            var respLength = m.Registered("resp_len_q", length, enable: finishing);
            var respKind = m.Registered("resp_kind_q", kind, enable: finishing);
            var respNak = m.Registered("resp_nak_q", nak, enable: finishing);
            m.Next(savedType, type, enable: executed);
            m.Next(savedLength, length, enable: executed);
            m.Next(savedKind, kind, enable: executed);
            m.Next(savedNak, nak, enable: executed);
            m.Next(_expected, _seq + 1, enable: executed);
            m.Next(_lastSeq, _seq, enable: executed);
            m.Next(_gap, Expr.Mux(executed, Expr.False, Expr.True), enable: executed | refused);
            _events.Add(("frames_applied", executed));
            // The same count as "finishing with a NAK", taken from the answers' own types rather
            // than from the selected type: a replay sends whatever it saved.
            var sendsNak = AnyOf("sends_nak", a => a.Type == FrameType.Nak && !a.Replay);
            var replaysNak = _answers.Where(a => a.Replay).Select(a => a.When & savedType.Eq((long)FrameType.Nak));
            _events.Add(("naks_sent", replaysNak.Aggregate(sendsNak, (a, b) => a | b)));

            var encoderValid = m.Output("enc_valid", 1);
            var encoderReady = _encoderReady;
            m.Assign(encoderValid, In(Respond));
            m.Assign(m.Output("enc_type", 8), respType);
            m.Assign(m.Output("enc_seq", 8), respSeq);
            m.Assign(m.Output("enc_len", _lw), respLength);

            var next = Select([
                (In(Idle), Expr.Mux(_frameValid & encoderReady, Expr.Const(Dispatch, 3), Expr.Const(Idle, 3))),
                (_startWrite, Expr.Const(WriteWords, 3)),
                (_startRun, Expr.Const(RunBeats, 3)),
                (_startFill, Expr.Const(FillCounters, 3)),
                (_silent, Expr.Const(Idle, 3)),
                (finishing, Expr.Const(Respond, 3)),
                (_inputsDone, Expr.Const(Drain, 3)),
                (In(Respond) & encoderReady, Expr.Const(Idle, 3)),
            ], _state);
            m.Next(_state, next);
            Payload(respKind, respNak);
        }

        /// <summary>The encoder asks for payload byte pl_addr and takes pl_data one cycle later.</summary>
        private void Payload(Signal kind, Signal nak)
        {
            var address = m.Input("pl_addr", _ow);
            var addressQ = m.Registered("pl_addr_q", address);
            var designId = m.Input("design_id", 32);
            var rom = identity.Encode().Skip(LinkIdentity.DesignIdBytes).Select(b => new System.Numerics.BigInteger(b)).ToList();
            int romDepth = 1 << BitWidth.Log2Ceiling(rom.Count);
            while (rom.Count < romDepth) rom.Add(0);
            var identityRom = m.Memory("identity_rom", 8, romDepth, rom);
            int romBits = BitWidth.Log2Ceiling(romDepth);
            var romByte = identityRom.ReadRegistered("identity_byte", (address - Expr.Const(LinkIdentity.DesignIdBytes, _ow))[romBits - 1, 0]);
            var idByte = designId.ShiftRight(Expr.Concat(addressQ[1, 0], Expr.Const(0, 3)))[7, 0];
            var identifyByte = Expr.Mux(addressQ.Lt(Expr.Const(LinkIdentity.DesignIdBytes, _ow)), idByte, romByte);
            int ob = ports.OutputBeatBytes;
            int obBits = ob == 1 ? 0 : BitWidth.Log2Ceiling(ob);
            var outWord = _outputBuffer.ReadRegistered("output_word", (obBits == 0 ? address : address >> obBits)[BitWidth.Log2Ceiling(OutputCapacityOf()) - 1, 0]);
            var outputByte = obBits == 0 ? outWord : outWord.ShiftRight(Expr.Concat(addressQ[obBits - 1, 0], Expr.Const(0, 3)))[7, 0];
            var nakByte = Expr.Mux(addressQ[0], nak[15, 8], nak[7, 0]);
            m.Assign(m.Output("pl_data", 8), Select([
                (kind.Eq((int)ResponseKind.Nak), nakByte),
                (kind.Eq((int)ResponseKind.Identify), identifyByte),
                (kind.Eq((int)ResponseKind.Output), outputByte),
            ], Expr.Const(0, 8)));
        }

        private int OutputCapacityOf() => options.MaxPayload / ports.OutputBeatBytes;
    }
}
