namespace Fpga.Sim.Caching;

/// <summary>A finished cache entry: a directory that is never modified after it appears.</summary>
public sealed record BuildCacheEntry(string Directory, bool FromCache);
