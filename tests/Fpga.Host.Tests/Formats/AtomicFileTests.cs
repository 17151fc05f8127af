using Fpga.Host.Formats;
using Fpga.Host.Tests.Support;

namespace Fpga.Host.Tests.Formats;

public sealed class AtomicFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void AFailingWriterLeavesNoFileAndNoTemporary()
    {
        string path = _dir.File("out.bin");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write([1, 2, 3]);
            throw new InvalidOperationException("writer failed half way");
        }));
        Assert.Empty(_dir.FileNames());
    }

    [Fact]
    public void AFailingWriterKeepsThePreviousFile()
    {
        string path = _dir.File("out.bin");
        File.WriteAllBytes(path, [9]);
        Assert.ThrowsAny<Exception>(() => AtomicFile.Write(path, _ => throw new IOException("disk full")));
        Assert.Equal([9], File.ReadAllBytes(path));
        Assert.Equal(["out.bin"], _dir.FileNames());
    }

    [Fact]
    public void ASuccessfulWriteReplacesTheFile()
    {
        string path = _dir.File("out.bin");
        File.WriteAllBytes(path, [9]);
        AtomicFile.WriteAllBytes(path, [1, 2]);
        Assert.Equal([1, 2], File.ReadAllBytes(path));
        Assert.Equal(["out.bin"], _dir.FileNames());
    }

    [Fact]
    public void AMissingDirectoryIsAUserError()
    {
        string path = Path.Combine(_dir.Path, "no-such-dir", "out.bin");
        ErrorAssert.Names(() => AtomicFile.WriteAllBytes(path, [1]), path, "directory does not exist");
    }
}
