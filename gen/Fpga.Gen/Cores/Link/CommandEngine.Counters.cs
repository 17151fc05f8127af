using Fpga.Gen.Hdl;

namespace Fpga.Gen.Cores.Link;

public sealed partial class CommandEngine
{
    private sealed partial class Build
    {
        private Signal _filling = null!;
        private int _fillWords;

        /// <summary>
        /// READ_COUNTERS copies the counters into the output buffer, one buffer word a cycle, and
        /// answers from there like a RUN: the buffer is the snapshot (kept for a replay until the
        /// next executed command), without a flip-flop copy of every counter and its byte mux.
        /// </summary>
        private void Filling()
        {
            int ob = ports.OutputBeatBytes;
            _fillWords = (4 * CounterCount + ob - 1) / ob;
            if (4 * CounterCount > options.MaxPayload)
                throw new HdlConstructionException($"{CounterCount} counters do not fit a {options.MaxPayload}-byte answer");
            // Counting holds an event that arrives during the fill and adds it the cycle after: one
            // per counter is enough because events of one kind (a received byte's, or a frame's end)
            // are at least 9 bit times apart; the check keeps a bit's margin.
            if (_fillWords + 1 >= 8 * options.Uart.ClocksPerBit)
                throw new HdlConstructionException($"copying {CounterCount} counters takes {_fillWords} cycles, too long against {options.Uart.ClocksPerBit:0.#} clocks per bit");
            _filling = m.Define("filling", In(FillCounters));
            // "Filling the last word", known a cycle ahead, so the fill's answer starts from a
            // flip-flop on its way to the answer registers' enables. FillCounters is only entered
            // by start_fill, which clears out_count_q, and only left by fill_done; meanwhile
            // out_count_q counts one word a cycle (no output beat is captured outside a RUN).
            var lastWord = m.Register("fill_last_word_q", 1, resetValue: 0);
            var done = m.Define("fill_done", lastWord);
            var reachesLast = _filling & ~done & (_outCount + 1).Eq(_fillWords - 1);
            m.Next(lastWord, _fillWords == 1 ? _startFill | reachesLast : reachesLast);
            _answers.Add(new Answer(done, FrameType.Ack, Expr.Const(4 * CounterCount, _lw), ResponseKind.Output, null, true));
            var restart = _startRun | _startFill;
            m.Next(_outCount, Expr.Mux(restart, Expr.Zero(_outCount.Type), _outCount + 1), enable: restart | _captureBeat | _filling);
        }

        /// <summary>
        /// The link's counters, then the accelerator's; a fill writes the values they had when it
        /// began. The engine's own events do not occur while it fills (it is neither dispatching
        /// nor answering; the READ_COUNTERS answer counts when the fill is done), the accelerator
        /// is idle between commands, and the line's events are held until the fill is over.
        /// </summary>
        private void Counting()
        {
            Expr Held(string name, Expr pulse)
            {
                var held = m.Register($"{name}_held_q", 1, resetValue: 0);
                m.Next(held, _filling & (held | pulse));
                return ~_filling & (pulse | held);
            }
            var pulses = new Dictionary<string, Expr>
            {
                ["noise_bytes"] = Held("noise_bytes", m.Input("ev_junk", 1)),
                ["frames_dropped"] = Held("frames_dropped", m.Input("ev_dropped", 1)),
                ["uart_frame_errors"] = Held("uart_frame_errors", m.Input("ev_frame_error", 1)),
                ["uart_overruns"] = Held("uart_overruns", m.Input("ev_overrun", 1)),
            };
            foreach (var (name, increment) in _events)
                pulses[name] = pulses.TryGetValue(name, out var other) ? other | increment : increment;
            var values = new List<Expr>();
            foreach (var name in LinkCounters.Names)
            {
                var counter = m.Register($"{name}_q", 32, resetValue: 0);
                m.Next(counter, counter + 1, enable: pulses[name]);
                values.Add(counter);
            }
            values.AddRange(ports.Counters.Select(name => (Expr)m.Input($"acc_{name}", 32)));

            // The first counter is the lowest 32 bits, so byte i of the answer is bit 8i of the concatenation.
            int wordBits = 8 * ports.OutputBeatBytes;
            var all = Expr.Concat(values.AsEnumerable().Reverse().ToArray()).Resize(_fillWords * wordBits);
            var words = Enumerable.Range(0, _fillWords).Select(k => all[(k + 1) * wordBits - 1, k * wordBits]).ToList();
            int indexBits = BitWidth.Log2Ceiling(_fillWords);
            var counterWord = m.Define("counter_word", WordAt(words, _outCount, indexBits));
            int addressBits = BitWidth.Log2Ceiling(OutputCapacityOf());
            _outputBuffer.Write(_captureBeat | _filling, _outCount[addressBits - 1, 0], Expr.Mux(_filling, counterWord, _outputBeat));
        }

        /// <summary>words[index] as a tree of two-way selects on the low <paramref name="bits"/> index bits.</summary>
        private static Expr WordAt(IReadOnlyList<Expr> words, Expr index, int bits)
        {
            if (words.Count == 1) return words[0];
            int half = 1 << (bits - 1);
            if (words.Count <= half) return WordAt(words, index, bits - 1);
            return Expr.Mux(index[bits - 1], WordAt(words.Skip(half).ToList(), index, bits - 1), WordAt(words.Take(half).ToList(), index, bits - 1));
        }
    }
}
