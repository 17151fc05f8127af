using Fpga.Sim.Verilator;
using Xunit.Abstractions;

namespace Fpga.Sim.Tests;

[Collection(SelfTestCollection.Name)]
public sealed class ModelCacheTests(SelfTestModelFixture fixture, ITestOutputHelper output) : IDisposable
{
    private readonly DirectoryInfo scratch = Directory.CreateTempSubdirectory("fpga-sim-cache-test-");

    [Fact]
    public void SecondBuildIsACacheHitWithTheSameBinary()
    {
        var binaryWritten = File.GetLastWriteTimeUtc(fixture.Model.BinaryPath);
        var again = VerilatorModelBuild.Build(SelfTestDesign.ModelOptions());
        Assert.True(again.FromCache);
        Assert.Equal(fixture.Model.Hash, again.Hash);
        Assert.Equal(fixture.Model.BinaryPath, again.BinaryPath);
        Assert.Equal(binaryWritten, File.GetLastWriteTimeUtc(again.BinaryPath));
        Assert.True(again.BuildTime < TimeSpan.FromSeconds(5), $"a cache hit took {again.BuildTime}");
        output.WriteLine($"fixture model: {(fixture.Model.FromCache ? "from cache" : "built")} in {fixture.Model.BuildTime.TotalSeconds:0.00} s; "
            + $"second request {again.BuildTime.TotalMilliseconds:0} ms");
    }

    [Fact]
    public void HashIsStableForUnchangedInputs()
    {
        Assert.Equal(fixture.Model.Hash, VerilatorModelBuild.ComputeHash(SelfTestDesign.ModelOptions()));
    }

    [Fact]
    public void ChangedSourceGivesANewHash()
    {
        var copy = Path.Combine(scratch.FullName, SelfTestDesign.TopModule + ".v");
        File.WriteAllText(copy, File.ReadAllText(SelfTestDesign.SourcePath) + "// changed\n");
        var options = new VerilatorModelOptions { Sources = [copy], TopModule = SelfTestDesign.TopModule };
        Assert.NotEqual(fixture.Model.Hash, VerilatorModelBuild.ComputeHash(options));
    }

    [Fact]
    public void SameContentElsewhereGivesTheSameHash()
    {
        var copy = Path.Combine(scratch.FullName, SelfTestDesign.TopModule + ".v");
        File.Copy(SelfTestDesign.SourcePath, copy);
        var options = new VerilatorModelOptions { Sources = [copy], TopModule = SelfTestDesign.TopModule };
        Assert.Equal(fixture.Model.Hash, VerilatorModelBuild.ComputeHash(options));
    }

    [Fact]
    public void FlagsWaveformAndVisibilityAreInTheHash()
    {
        var hashes = new[]
        {
            SelfTestDesign.ModelOptions() with { ExtraFlags = ["-Wno-fatal"] },
            SelfTestDesign.ModelOptions(WaveformFormat.Vcd),
            SelfTestDesign.ModelOptions(WaveformFormat.Fst),
            SelfTestDesign.ModelOptions() with { PublicInternalSignals = true },
        }.Select(options => VerilatorModelBuild.ComputeHash(options)).Append(fixture.Model.Hash).ToList();
        Assert.Equal(hashes.Count, hashes.Distinct().Count());
    }

    [Fact]
    public void ChangedHarnessSourceGivesANewHash()
    {
        var harness = Directory.CreateDirectory(Path.Combine(scratch.FullName, "harness")).FullName;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "harness")))
        {
            File.Copy(file, Path.Combine(harness, Path.GetFileName(file)));
        }
        var unchanged = SelfTestDesign.ModelOptions() with { HarnessDirectory = harness };
        Assert.Equal(fixture.Model.Hash, VerilatorModelBuild.ComputeHash(unchanged));
        File.AppendAllText(Path.Combine(harness, "main.cpp"), "// changed\n");
        Assert.NotEqual(fixture.Model.Hash, VerilatorModelBuild.ComputeHash(unchanged));
    }

    public void Dispose() => scratch.Delete(recursive: true);
}
