using System.Security.Cryptography;
using System.Text.Json;
using ThaliNano.Drivers.Host.FileStorage;
using ThaliNano.Drivers.Host.Tls;
using ThaliNano.Firmware;
using ThaliNano.Firmware.Boards;
using ThaliNano.Identity;
using ThaliNano.Text;

namespace ThaliNano.Benchmarks.Memory;

/// <summary>
/// What provisioning leaves on a device before its first start, made by the benchmark's parent process in a data
/// folder: the pairing registry (with the board's quota) holding the replicating client as owner and the carrier, and
/// the keys the hub needs (its key id, the mesh destination and secret, the fleet key). Secrets stay in the folder
/// (<c>setup.json</c>); the child composes the hub from it.
/// </summary>
internal sealed record HubSetup(
    string HubKeyId, string ClientKeyId, string ClientSecret, string CarrierKeyId, string CarrierSecret,
    string MeshDestination, string MeshSecret, string FleetKey)
{
    public const string FileName = "setup.json";
    public const string PairingFolder = "pairing";
    public const string StoreFolder = "store";

    /// <summary>
    /// Provisions <paramref name="folder"/> for <paramref name="board"/>. The hub needs only its key id (the device's
    /// TLS is mbedTLS, outside the benchmark); the client and the carrier get certificates because the registry pairs
    /// certificates.
    /// </summary>
    public static HubSetup Provision(string folder, BoardProfile board)
    {
        Directory.CreateDirectory(folder);
        using HubIdentity client = HubIdentity.LoadOrCreate(Path.Combine(folder, "client"));
        using HubIdentity carrier = HubIdentity.LoadOrCreate(Path.Combine(folder, "carrier"));
        byte[] clientSecret = RandomNumberGenerator.GetBytes(32);
        byte[] carrierSecret = RandomNumberGenerator.GetBytes(32);
        using (PairingRegistry registry = PairingRegistry.Open(
            new HostFileStorage(Path.Combine(folder, PairingFolder)), board.CreateRegistryStoreOptions()))
        {
            registry.EnsureHubUuid(RandomNumberGenerator.GetBytes(16));
            registry.Pair(Pem.DecodeCertificate(client.CertificatePem), clientSecret, owner: true);
            registry.Pair(Pem.DecodeCertificate(carrier.CertificatePem), carrierSecret, owner: false);
        }

        var setup = new HubSetup(
            RandomKeyId(), client.KeyId.ToBase64Url(), Base64Url.Encode(clientSecret), carrier.KeyId.ToBase64Url(),
            Base64Url.Encode(carrierSecret), RandomKeyId(), Base64Url.Encode(RandomNumberGenerator.GetBytes(32)),
            Base64Url.Encode(RandomNumberGenerator.GetBytes(32)));
        File.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(setup));
        return setup;
    }

    public static HubSetup Load(string folder) =>
        JsonSerializer.Deserialize<HubSetup>(File.ReadAllText(Path.Combine(folder, FileName)))
        ?? throw new InvalidDataException("empty " + FileName + " in " + folder);

    private static string RandomKeyId() => PublicKeyId.FromHash(RandomNumberGenerator.GetBytes(32)).ToBase64Url();
}
