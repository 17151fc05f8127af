using Fpga.Gen.Hdl;

namespace Fpga.Gen.Tests.Hdl;

public class ConstructionTests
{
    [Fact]
    public void OperandsOfDifferentTypesAreRejectedWhereTheExpressionIsBuilt()
    {
        var m = new ModuleBuilder("t");
        var a = m.Input("a", 8);
        var b = m.Input("b", 9);
        var s = m.Input("s", HdlType.SInt(8));
        Assert.Throws<HdlConstructionException>(() => a + b);
        Assert.Throws<HdlConstructionException>(() => a & s);
        Assert.Throws<HdlConstructionException>(() => Expr.Mux(a, a, a));
    }

    [Fact]
    public void ConstantsMustFitTheirType()
    {
        Assert.Throws<HdlConstructionException>(() => Expr.Const(256, 8));
        Assert.Throws<HdlConstructionException>(() => Expr.SConst(128, 8));
        Assert.Equal(255, (int)Expr.SConst(-1, 8).Bits);
    }

    [Fact]
    public void SlicesAndShiftsStayInsideTheValue()
    {
        var m = new ModuleBuilder("t");
        var a = m.Input("a", 8);
        Assert.Throws<HdlConstructionException>(() => a[8, 0]);
        Assert.Throws<HdlConstructionException>(() => a[2, 3]);
        Assert.Throws<HdlConstructionException>(() => a << 8);
        Assert.Equal(4, a[7, 4].Width);
    }

    [Theory]
    [InlineData("output")]
    [InlineData("a__b")]
    [InlineData("x$y")]
    [InlineData("9lives")]
    public void PortNamesArePlainIdentifiersAndNotKeywords(string name) =>
        Assert.Throws<HdlConstructionException>(() => new ModuleBuilder("t").Input(name, 1));

    [Fact]
    public void ANameIsDeclaredOnlyOncePerModule()
    {
        var m = new ModuleBuilder("t");
        m.Input("a", 1);
        Assert.Throws<HdlConstructionException>(() => m.Wire("a", 1));
    }

    [Fact]
    public void ResultWidthsFollowTheStrictRules()
    {
        var m = new ModuleBuilder("t");
        var a = m.Input("a", 8);
        var b = m.Input("b", 8);
        Assert.Equal(HdlType.UInt(8), (a + b).Type);
        Assert.Equal(HdlType.UInt(16), a.MulWide(b).Type);
        Assert.Equal(HdlType.Bit, a.Lt(b).Type);
        Assert.Equal(HdlType.UInt(16), Expr.Concat(a, b).Type);
        Assert.Equal(HdlType.SInt(12), a.AsSigned().Resize(12).Type);
    }
}
