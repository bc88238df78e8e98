using System.Security.Cryptography;
using System.Text;
using ThaliNano.Couch;
using ThaliNano.Drivers.Host.FileStorage;
using ThaliNano.Firmware.Pairing;
using ThaliNano.Identity;
using ThaliNano.Store;

namespace ThaliNano.Firmware.Tests;

/// <summary>The new owner takes the lost owner's place among the admins the Couch handler seeded.</summary>
public sealed class OwnerRecoveryTests : IDisposable
{
    private static readonly PublicKeyId s_lost = Key("lost"), s_new = Key("new"), s_other = Key("other");
    private readonly string _folder = Directory.CreateTempSubdirectory("thali-recovery-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Replaces_the_lost_key_keeps_the_other_admins_and_fields_and_is_idempotent()
    {
        var options = new CouchOptions { Owner = s_lost.ToBase64Url(), HubUuid = new string('a', 32) };
        using var store = new DocumentStore(new HostFileStorage(_folder), new StoreOptions());
        Assert.False(OwnerRecovery.HandOverAdmin(store, options, s_lost, s_new));

        _ = new CouchHandler(store, options);
        Database system = store.OpenDatabase(options.SystemDatabaseStoreName);
        string body = "{\"note\":\"kept\",\"members\":[\"" + s_lost.ToBase64Url() + "\",\"" + s_other.ToBase64Url() + "\"]}";
        system.Put("admins", system.Get("admins").Rev, Encoding.UTF8.GetBytes(body));

        Assert.True(OwnerRecovery.HandOverAdmin(store, options, s_lost, s_new));
        Assert.Equal("{\"note\":\"kept\",\"members\":[\"" + s_other.ToBase64Url() + "\",\"" + s_new.ToBase64Url() + "\"]}",
            Encoding.UTF8.GetString(system.Get("admins").Body));
        Assert.False(OwnerRecovery.HandOverAdmin(store, options, s_lost, s_new));
        Assert.True(OwnerRecovery.HandOverAdmin(store, options, null, s_lost));
        Assert.Contains(s_lost.ToBase64Url(), Encoding.UTF8.GetString(system.Get("admins").Body));
    }

    private static PublicKeyId Key(string name) => PublicKeyId.FromHash(SHA256.HashData(Encoding.UTF8.GetBytes(name)));
}
