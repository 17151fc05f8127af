using Fpga.Gen.Shipped;

namespace Fpga.Gen.Tests.Shipped;

/// <summary>hw/ holds exactly what the generator makes of the shipped configurations, byte for byte.</summary>
public class ShippedDesignsTests
{
    [Fact]
    public void RegeneratingReproducesHwByteForByte()
    {
        var hw = Path.Combine(RepositoryRoot.Path, "hw");
        var expected = ShippedDesigns.All()
            .SelectMany(d => d.Files().Select(f => (Path: Path.Combine(d.Directory, f.FileName), f.Text)))
            .ToDictionary(f => f.Path.Replace('\\', '/'), f => f.Text);
        var committed = Directory.GetFiles(hw, "*.v", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(hw, f).Replace('\\', '/'), File.ReadAllText);
        Assert.Equal(expected.Keys.Order(), committed.Keys.Order());
        foreach (var (path, text) in expected)
            Assert.True(text == committed[path], $"hw/{path} differs from what the generator makes; run `make hw`");
    }
}
