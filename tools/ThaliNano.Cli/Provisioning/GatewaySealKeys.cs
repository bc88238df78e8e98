using System.Security.Cryptography;
using ThaliNano.Drivers.Host.Tls;
using ThaliNano.Gateway.Keys;
using ThaliNano.Identity;
using ThaliNano.Text;

namespace ThaliNano.Cli.Provisioning;

/// <summary>
/// Makes the seal key a sensor shares with a gateway: a fresh 32-byte secret, written as the gateway's key file
/// (<c>keys/&lt;source hex&gt;.json</c>) and as the sensor's secret file (base64url, 0600). Used by <c>thalinano gateway
/// key</c> and <c>thalinano provision --gateway</c>.
/// </summary>
internal static class GatewaySealKeys
{
    private const int SecretBytes = 32;

    /// <summary>
    /// Shares a new key between the gateway in <paramref name="gatewayFolder"/> and the sensor <paramref name="source"/>;
    /// refuses when the gateway already shares one with that sensor. Returns the gateway's key file and its key id (the
    /// sensor's mesh destination).
    /// </summary>
    public static (string KeyPath, PublicKeyId Destination) Share(string gatewayFolder, PublicKeyId source, string? database, string secretPath)
    {
        using HubIdentity gateway = HubIdentity.LoadOrCreate(gatewayFolder);
        string keys = Path.Combine(gatewayFolder, "keys");
        HubIdentity.CreatePrivateFolder(keys);
        string keyPath = Path.Combine(keys, source.ToHex() + SealKeyFile.Extension);
        if (File.Exists(keyPath))
        {
            throw new CommandFailedException("the gateway already shares a key with " + source.ToBase64Url() + " (" + keyPath + "); delete it to make a new one");
        }

        byte[] secret = RandomNumberGenerator.GetBytes(SecretBytes);
        HubIdentity.WriteSecretFile(secretPath, Base64Url.Encode(secret));
        new SealKeyFile(source, gateway.KeyId, secret, database: database).Write(keyPath);
        return (keyPath, gateway.KeyId);
    }
}
