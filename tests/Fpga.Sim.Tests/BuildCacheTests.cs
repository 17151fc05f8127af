using Fpga.Sim.Caching;

namespace Fpga.Sim.Tests;

public sealed class BuildCacheTests : IDisposable
{
    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("fpga-build-cache-test-");

    [Fact]
    public void ParallelRequestsForOneKeyBuildOnceAndShareTheEntry()
    {
        var builds = 0;
        var entries = Enumerable.Range(0, 8)
            .AsParallel()
            .WithDegreeOfParallelism(8)
            .Select(_ => new BuildCache(root.FullName).GetOrBuild("key", directory =>
            {
                Interlocked.Increment(ref builds);
                // Long enough that the other requests arrive while this one holds the lock.
                Thread.Sleep(300);
                File.WriteAllText(Path.Combine(directory, "artifact"), "built");
            }, TimeSpan.FromSeconds(30)))
            .ToList();

        Assert.Equal(1, builds);
        Assert.Single(entries, entry => !entry.FromCache);
        Assert.Single(entries.Select(entry => entry.Directory).Distinct());
        Assert.Equal("built", File.ReadAllText(Path.Combine(entries[0].Directory, "artifact")));
    }

    [Fact]
    public void AFailedBuildLeavesNoEntryAndTheNextCallBuildsAgain()
    {
        var cache = new BuildCache(root.FullName);
        Assert.Throws<InvalidOperationException>(() =>
            cache.GetOrBuild("key", _ => throw new InvalidOperationException("compiler error"), TimeSpan.FromSeconds(5)));
        Assert.False(Directory.Exists(cache.EntryPath("key")));
        Assert.Empty(root.EnumerateDirectories());

        var entry = cache.GetOrBuild("key", directory => File.WriteAllText(Path.Combine(directory, "artifact"), "ok"), TimeSpan.FromSeconds(5));
        Assert.False(entry.FromCache);
        Assert.True(cache.GetOrBuild("key", _ => throw new InvalidOperationException("must not rebuild"), TimeSpan.FromSeconds(5)).FromCache);
    }

    [Fact]
    public void AHeldLockTimesOutWithAClearMessage()
    {
        var cache = new BuildCache(root.FullName);
        using var held = new FileStream(Path.Combine(root.FullName, "key.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        var error = Assert.Throws<SimulationException>(() =>
            cache.GetOrBuild("key", _ => { }, TimeSpan.FromMilliseconds(500)));
        Assert.Contains("key.lock", error.Message);
    }

    [Fact]
    public void AnUnusableCacheRootIsAClearError()
    {
        // A file where the cache directory should be: the same failure as an unwritable path.
        var blocker = Path.Combine(root.FullName, "not-a-directory");
        File.WriteAllText(blocker, "");
        var error = Assert.Throws<SimulationException>(() =>
            new BuildCache(Path.Combine(blocker, "cache")).GetOrBuild("key", _ => { }, TimeSpan.FromSeconds(1)));
        Assert.Contains("cannot create the build cache", error.Message);
    }

    public void Dispose() => root.Delete(recursive: true);
}
