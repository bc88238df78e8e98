using System.Security.Cryptography;
using ThaliNano.Drivers.Host.FileStorage;
using ThaliNano.Firmware.Boards;
using ThaliNano.Identity;
using ThaliNano.Store;

namespace ThaliNano.Firmware.Tests.Boards;

public sealed class BoardProfileTests : IDisposable
{
    private static readonly PublicKeyId s_hubKey = PublicKeyId.FromHash(SHA256.HashData("board hub"u8));

    private readonly string _folder = Directory.CreateTempSubdirectory("thali-board-").FullName;

    public static TheoryData<string> Names => new(BoardProfile.All().Select(p => p.Name));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [MemberData(nameof(Names))]
    public void A_hub_starts_with_the_board_configuration(string name)
    {
        BoardProfile board = BoardProfile.Find(name)!;
        using PairingRegistry registry = PairingRegistry.Open(new HostFileStorage(Path.Combine(_folder, "pairing")), board.CreateRegistryStoreOptions());
        registry.EnsureHubUuid(RandomNumberGenerator.GetBytes(16));
        HubConfiguration configuration = board.CreateConfiguration();
        configuration.Registry = registry;
        configuration.HubKeyId = s_hubKey;
        configuration.EpochRandom = RandomNumberGenerator.GetBytes(16);

        var hub = new Hub(configuration, new HostFileStorage(Path.Combine(_folder, "store")), new QueueListener());
        hub.Start();
        hub.Stop();

        Assert.Equal(board.HttpConnections, configuration.Http.MaxConnections);
        Assert.Equal(board.HttpRequestsAtOnce, configuration.Http.MaxRequestsAtOnce);
        Assert.Equal(board.HttpBufferBytes, configuration.Http.InputBufferBytes);
        Assert.Equal(board.HttpBufferBytes, configuration.Http.OutputBufferBytes);
        Assert.Equal(board.HttpBufferBytes, configuration.Couch.ReplyBufferBytes);
        Assert.Equal(board.StoreBytes, configuration.Store.MaxStoreBytes);
        Assert.Equal(board.CompactionReserveBytes, configuration.Store.CompactionReserveBytes);
        Assert.Equal(board.IndexCachePages, configuration.Store.IndexCachePages);
        Assert.Equal(board.BulkCommitBytes, configuration.Couch.BulkCommitBytes);
        Assert.Equal(board.MaxLeaves, configuration.Store.MaxLeaves);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void The_budgets_agree(string name)
    {
        BoardProfile board = BoardProfile.Find(name)!;
        board.Check();
        Assert.True(board.StoreBytes + board.RegistryStoreBytes + BoardProfile.OtherFilesBytes <= board.LittleFsBytes);
        Assert.True(board.HubHeapBudgetBytes <= board.ManagedHeapBytes);
        Assert.True(board.MeshBundleBytes <= BoardProfile.MaxMeshBundleBytes);
    }

    [Fact]
    public void Boards_without_psram_keep_the_hub_within_32_KB()
    {
        foreach (BoardProfile board in BoardProfile.All().Where(p => !p.HasPsram))
        {
            Assert.True(board.HubHeapBudgetBytes <= 32 * 1024, board.Name);
            Assert.Equal(1, board.HttpRequestsAtOnce);
        }

        Assert.Contains(BoardProfile.All(), p => !p.HasPsram);
    }

    [Fact]
    public void Names_are_unique_and_found_and_the_reference_comes_first()
    {
        BoardProfile[] all = BoardProfile.All();
        Assert.Equal(all.Length, all.Select(p => p.Name).Distinct().Count());
        Assert.Equal("ESP32_BLE_REV3", all[0].NanoffTarget);
        Assert.Null(BoardProfile.Find("esp8266"));
        Assert.Equal(string.Join(", ", all.Select(p => p.Name)), BoardProfile.Names());
    }

    [Fact]
    public void A_profile_whose_quotas_overflow_the_partition_is_refused()
    {
        BoardProfile board = BoardProfile.Esp32();
        board.StoreBytes = board.LittleFsBytes - board.RegistryStoreBytes - BoardProfile.OtherFilesBytes + 1;
        Assert.Contains("do not fit the LittleFS partition", Assert.Throws<InvalidOperationException>(board.Check).Message);
    }

    [Fact]
    public void A_profile_whose_buffers_overflow_the_hub_budget_is_refused()
    {
        BoardProfile board = BoardProfile.Esp32C3();
        board.HttpConnections = 4;
        Assert.Contains("at most half the hub's heap budget", Assert.Throws<InvalidOperationException>(board.Check).Message);
    }

    [Fact]
    public void A_profile_with_tiny_connection_buffers_is_refused()
    {
        BoardProfile board = BoardProfile.Esp32();
        board.HttpBufferBytes = 128;
        Assert.Contains("256-byte buffers", Assert.Throws<InvalidOperationException>(board.Check).Message);
    }

    [Fact]
    public void A_profile_with_more_request_turns_than_connections_is_refused()
    {
        BoardProfile board = BoardProfile.Esp32();
        board.HttpRequestsAtOnce = board.HttpConnections + 1;
        Assert.Contains("HttpRequestsAtOnce", Assert.Throws<InvalidOperationException>(board.Check).Message);
    }

    [Fact]
    public void A_profile_whose_contact_offer_cannot_hold_a_bundle_is_refused()
    {
        BoardProfile board = BoardProfile.Esp32();
        board.MeshOfferBytes = board.MeshBundleBytes - 1;
        Assert.Contains("a contact's offer must hold a bundle", Assert.Throws<InvalidOperationException>(board.Check).Message);
    }
}
