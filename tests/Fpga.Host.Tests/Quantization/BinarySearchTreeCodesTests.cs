using Fpga.Host.Quantization;

namespace Fpga.Host.Tests.Quantization;

public class BinarySearchTreeCodesTests
{
    public static TheoryData<int, int> BitsAndWidths()
    {
        var data = new TheoryData<int, int>();
        for (int bits = 1; bits <= 8; bits++)
            foreach (int cols in new[] { 1, 8, 63, 64, 65, 200 }) data.Add(bits, cols);
        return data;
    }

    [Theory]
    [MemberData(nameof(BitsAndWidths))]
    public void Tree_search_finds_the_nearest_level_of_an_exhaustive_search(int bits, int cols)
    {
        var (values, coefficients, tree) = Setup(bits, cols);
        var planes = new ulong[bits * BitPlanes.WordsFor(cols)];
        BinarySearchTreeCodes.Assign(values, tree, planes, Span<double>.Empty);
        var tensor = new QuantizedTensor(1, cols, bits, QuantMethod.Alternating, planes, coefficients);
        for (int c = 0; c < cols; c++)
        {
            double chosen = Math.Abs(values[c] - (double)Reference.Level(coefficients, Reference.Pattern(tensor, 0, c)));
            Assert.True(chosen <= Reference.NearestDistance(values[c], coefficients) + 1e-6, $"col {c}");
        }
    }

    [Theory]
    [MemberData(nameof(BitsAndWidths))]
    public void Vector_and_scalar_searches_write_identical_planes(int bits, int cols)
    {
        var (values, _, tree) = Setup(bits, cols);
        int length = bits * BitPlanes.WordsFor(cols);
        var fast = Enumerable.Repeat(ulong.MaxValue, length).ToArray();
        var slow = Enumerable.Repeat(0x5555UL, length).ToArray();
        var fastCorrelation = new double[bits];
        var slowCorrelation = new double[bits];
        BinarySearchTreeCodes.Assign(values, tree, fast, fastCorrelation);
        BinarySearchTreeCodes.AssignScalar(values, tree, slow, 0, slowCorrelation);
        Assert.Equal(slow, fast);
        for (int i = 0; i < bits; i++) Assert.Equal(slowCorrelation[i], fastCorrelation[i], 1e-4);
    }

    [Fact]
    public void Tree_levels_are_sorted_and_patterns_match_their_values()
    {
        float[] coefficients = [0.5f, -2f, 1.25f];
        var tree = new LevelTree();
        tree.Build(coefficients);
        for (int l = 0; l < tree.Levels; l++)
        {
            Assert.Equal(Reference.Level(coefficients, tree.Patterns[l]), tree.Values[l]);
            if (l > 0) Assert.True(tree.Values[l - 1] <= tree.Values[l]);
        }
        Assert.Equal(Enumerable.Range(0, 8), tree.Patterns.Take(8).Order());
    }

    [Fact]
    public void Tree_sends_values_between_levels_to_the_nearer_one_by_hand()
    {
        // Coefficients (2, 1): levels -3, -1, 1, 3 with patterns 0, 2, 1, 3 (plane 0 is the 2).
        var tree = new LevelTree();
        tree.Build([2f, 1f]);
        Assert.Equal([-3f, -1f, 1f, 3f], tree.Values.Take(4));
        Assert.Equal([0, 2, 1, 3], tree.Patterns.Take(4));
        Assert.Equal(0, tree.LevelOf(-10f));
        Assert.Equal(0, tree.LevelOf(-2.01f));
        Assert.Equal(1, tree.LevelOf(-1.99f));
        Assert.Equal(1, tree.LevelOf(0f));
        Assert.Equal(2, tree.LevelOf(0.01f));
        Assert.Equal(3, tree.LevelOf(2.5f));
    }

    private static (float[] Values, float[] Coefficients, LevelTree Tree) Setup(int bits, int cols)
    {
        var values = TestData.Gaussian(cols, seed: 300 + 10 * bits + cols, sigma: 2);
        var coefficients = TestData.Gaussian(bits, seed: 400 + bits).Select(Math.Abs).ToArray();
        var tree = new LevelTree();
        tree.Build(coefficients);
        return (values, coefficients, tree);
    }
}
