using Fpga.Gen.Hdl;
using Fpga.Gen.Ir;

namespace Fpga.Gen.Cores.Link;

/// <summary>
/// Ties frames to the accelerator. It takes one descriptor at a time from the frame decoder,
/// decides by sequence number (docs/PROTOCOL.md): the expected number executes the command
/// (WRITE words onto the write bus, RESET_STATE, RUN beats through the accelerator's streams,
/// READ_COUNTERS), a repeat of the last executed frame replays its stored answer, an older
/// one gets a bare ACK, one ahead is refused once with NAK(Sequence) naming the expected
/// number, and IDENTIFY re-synchronizes the numbering. Whatever executes, executes once.
/// Answers leave through the frame encoder, whose payload bytes this engine serves from the
/// answer's source (NAK bytes, identity ROM, or the output buffer: a RUN's output beats or the
/// counters READ_COUNTERS copied into it), so a stored answer can be replayed as long as no
/// later command replaced its source.
/// </summary>
public sealed partial class CommandEngine
{
    private CommandEngine(LinkOptions options, AcceleratorPorts ports, ModuleIr module)
    {
        Options = options;
        Ports = ports;
        Module = module;
    }

    public LinkOptions Options { get; }
    public AcceleratorPorts Ports { get; }
    public ModuleIr Module { get; }

    /// <summary>Output beats one RUN answer holds.</summary>
    public int OutputCapacity => Options.MaxPayload / Ports.OutputBeatBytes;

    /// <param name="identity">The IDENTIFY answer; its design id bytes are replaced by the accelerator's design_id port.</param>
    public static CommandEngine Generate(LinkOptions options, AcceleratorPorts ports, LinkIdentity identity, string nameSuffix, DesignConventions? conventions = null)
    {
        options.Validate();
        if (ports.WordBytes > 8 || ports.InputBeatBytes > options.MaxPayload / 2 || ports.OutputBeatBytes > options.MaxPayload / 2)
            throw new HdlConstructionException("the accelerator's words or beats are too wide for the link's frames");
        var m = new ModuleBuilder($"link_command_engine_{nameSuffix}", conventions);
        m.Comment($"Command engine: payloads up to {options.MaxPayload} bytes; {ports.WordBytes}-byte write words, {ports.InputBeatBytes}-byte input beats, {ports.OutputBeatBytes}-byte output beats.");
        m.Comment("Sequence numbers make every command execute exactly once; the last answer is kept for replay.");
        new Build(m, options, ports, identity).Run();
        return new CommandEngine(options, ports, m.Build());
    }
}
