using Fpga.Gen.Cores.Link;
using Fpga.Gen.Spec;
using Fpga.Host.Link;
using Xunit.Abstractions;

namespace Fpga.Cosim.Tests.Link;

/// <summary>
/// The figure: memory-write payload as a fraction of the raw line rate (10 wire bits
/// per byte), in simulation at the spec's true clock-to-baud ratio (12 MHz / 115200 baud).
/// </summary>
public class LinkThroughputTests(ITestOutputHelper output)
{
    [Fact]
    public void WritesCarryAtLeastNinetyPercentPayloadAtTheTrueRatio()
    {
        var spec = new AcceleratorSpec { HiddenSize = 8 }.Validate();
        var link = new LinkOptions(UartOptions.For(spec), MaxPayload: 1024);
        using var work = new TestDirectory();
        using var board = SimulatedBoard.StartStandIn(spec, link, work.Path);
        long payload = 0;
        using (var client = new LinkClient(SerialTransport.Open(board.PortPath, spec.BaudRate), new LinkClientOptions { Window = 4, AnswerTimeout = TimeSpan.FromSeconds(10) }))
        {
            client.Identify();
            var words = new byte[4 * 1024];
            new Random(5).NextBytes(words);
            for (int pass = 0; pass < 2; pass++)
            {
                client.Write(0, words);
                payload += words.Length;
            }
            Assert.Equal(0, client.Statistics.FramesResent);
        }
        var line = board.Process.Stop();
        double clocksPerBit = (double)spec.ClockHz / spec.BaudRate;
        double lineBytes = line.SpanCycles / clocksPerBit / 10;
        double fraction = payload / lineBytes;
        output.WriteLine($"{payload} payload bytes in {line.SpanCycles} cycles = {lineBytes:F0} byte times at {spec.ClockHz} Hz / {spec.BaudRate} baud: " +
            $"{fraction:P2} of the raw line rate ({line.CharactersIn} characters sent, {line.Cycles} cycles simulated)");
        Assert.True(fraction >= 0.90, $"payload is {fraction:P2} of the line rate");
        Assert.True(fraction <= 1.0, $"payload cannot exceed the line rate ({fraction:P2}): the measurement is wrong");
    }
}
