using ThaliNano.Store.Tests.Simulation;

namespace ThaliNano.Store.Tests;

/// <summary>
/// Scratch files: read back what was appended, count towards the store's limit while they exist, are gone after
/// Dispose, and one left by a power cut is deleted when the store opens again.
/// </summary>
public sealed class ScratchFileTests : IDisposable
{
    private readonly StoreFixture _fixture = new(maxStoreBytes: 8 * 1024);

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void ReadsBackWhatWasAppendedAndIsDeletedByDispose()
    {
        byte[] data = Enumerable.Range(0, 3000).Select(i => (byte)(i * 31)).ToArray();
        using (ScratchFile file = _fixture.Store.CreateScratchFile())
        {
            file.Append(data, 0, 1000);
            file.Append(data, 1000, 2000);
            Assert.Equal(3000, file.Length);
            Assert.Equal(3000, _fixture.Store.UsedBytes);

            byte[] back = new byte[3000];
            int read = 0;
            while (read < back.Length)
            {
                read += file.Read(read, back, read, back.Length - read);
            }

            Assert.Equal(data, back);
        }

        Assert.Equal(0, _fixture.Store.UsedBytes);
        Assert.Empty(_fixture.Flash.ListFiles(""));
    }

    [Fact]
    public void AnAppendPastTheStoreLimitThrowsAndAddsNothing()
    {
        using ScratchFile file = _fixture.Store.CreateScratchFile();
        file.Append(new byte[6000], 0, 6000);

        Assert.Throws<InsufficientStorageException>(() => file.Append(new byte[3000], 0, 3000));
        Assert.Equal(6000, file.Length);
        Assert.Equal(6000, _fixture.Store.UsedBytes);
        Assert.Throws<InsufficientStorageException>(() => _fixture.Store.CreateDatabase("db").Put("a", null, new byte[3000]));
    }

    [Fact]
    public void AScratchFileLeftByAPowerCutIsDeletedAtTheNextStart()
    {
        _fixture.Store.CreateDatabase("db").Put("a", null, "{}"u8.ToArray());
        ScratchFile file = _fixture.Store.CreateScratchFile();
        file.Append(new byte[500], 0, 500);

        DocumentStore store = _fixture.Crash(CutMode.KeepAll);

        Assert.Empty(_fixture.Flash.ListFiles(""));
        Assert.Equal(["db"], store.ListDatabases());
        Assert.Equal(1, store.OpenDatabase("db").GetInfo().DocCount);
    }
}
