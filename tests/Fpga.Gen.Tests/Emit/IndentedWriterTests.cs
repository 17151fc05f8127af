using Fpga.Gen.Emit;

namespace Fpga.Gen.Tests.Emit;

public class IndentedWriterTests
{
    [Fact]
    public void IndentsNestedScopesAndLeavesBlankLinesEmpty()
    {
        var w = new IndentedWriter();
        w.Line("a");
        using (w.Indent())
        {
            w.Line("b");
            w.Line();
            using (w.Indent()) w.Line("c");
        }
        w.Line("d");
        Assert.Equal("a\n  b\n\n    c\nd\n", w.ToString());
    }

    [Fact]
    public void RejectsALineHoldingANewline() =>
        Assert.Throws<ArgumentException>(() => new IndentedWriter().Line("a\nb"));

    [Fact]
    public void NamespaceNeverHandsOutKeywordsOrTheSameNameTwice()
    {
        var names = new VerilogNamespace();
        Assert.Equal("wire_1", names.Claim("wire"));
        Assert.Equal("x", names.Claim("x"));
        Assert.Equal("x_1", names.Claim("x"));
        Assert.Equal("a_b", names.Claim("a__b$"));
        Assert.Equal("n3d", names.Claim("3d"));
        Assert.Throws<InvalidOperationException>(() => names.ClaimExact("module"));
    }
}
