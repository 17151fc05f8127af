using System.Diagnostics;

namespace Fpga.Sim.Caching;

/// <summary>
/// A directory of build outputs keyed by content hash, safe for parallel processes: the first
/// caller builds under an exclusive file lock into a private temporary directory and publishes it
/// with one atomic rename, so an entry directory either does not exist or is complete. Other
/// callers wait on the lock and then find the entry.
/// </summary>
public sealed class BuildCache
{
    private static readonly TimeSpan LockRetryInterval = TimeSpan.FromMilliseconds(200);

    public BuildCache(string root)
    {
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    public string EntryPath(string key) => Path.Combine(Root, key);

    /// <summary>
    /// Returns the entry for <paramref name="key"/>, running <paramref name="build"/> on an empty
    /// directory first if no process has published it yet. A build that throws leaves no entry.
    /// </summary>
    /// <param name="lockTimeout">How long to wait for another process building the same key.</param>
    public BuildCacheEntry GetOrBuild(string key, Action<string> build, TimeSpan lockTimeout, CancellationToken cancellation = default)
    {
        ValidateKey(key);
        var entry = EntryPath(key);
        if (Directory.Exists(entry))
        {
            return new BuildCacheEntry(entry, FromCache: true);
        }
        try
        {
            Directory.CreateDirectory(Root);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SimulationException($"cannot create the build cache '{Root}': {e.Message}", e);
        }
        using (AcquireLock(Path.Combine(Root, key + ".lock"), lockTimeout, cancellation))
        {
            if (Directory.Exists(entry))
            {
                return new BuildCacheEntry(entry, FromCache: true);
            }
            var staging = Path.Combine(Root, $".staging-{key}-{Environment.ProcessId}-{Guid.NewGuid():N}");
            Directory.CreateDirectory(staging);
            try
            {
                build(staging);
                Directory.Move(staging, entry);
            }
            finally
            {
                if (Directory.Exists(staging))
                {
                    Directory.Delete(staging, recursive: true);
                }
            }
            return new BuildCacheEntry(entry, FromCache: false);
        }
    }

    private static void ValidateKey(string key)
    {
        if (key.Length == 0 || key.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_'))
        {
            throw new ArgumentException($"cache key must be letters, digits, '-' or '_': '{key}'", nameof(key));
        }
    }

    private static FileStream AcquireLock(string lockPath, TimeSpan timeout, CancellationToken cancellation)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            try
            {
                // FileShare.None is an exclusive flock on Unix: held by another process or
                // another handle in this one, the open fails instead of blocking.
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (stopwatch.Elapsed < timeout)
            {
                cancellation.WaitHandle.WaitOne(LockRetryInterval);
            }
            catch (IOException e)
            {
                throw new SimulationException(
                    $"waited {timeout.TotalSeconds:0} s for another build holding '{lockPath}'; "
                    + "if no build is running, delete that file", e);
            }
        }
    }
}
