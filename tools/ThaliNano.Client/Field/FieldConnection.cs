using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ThaliNano.Ble;
using ThaliNano.Client.FieldPairing;
using ThaliNano.FieldPairing;

namespace ThaliNano.Client.Field;

/// <summary>
/// A technician's GATT connection to one device: field pairing over the message channel, then Improv Wi-Fi
/// provisioning on the same connection (the device authorizes Improv only for the connection that paired).
/// </summary>
public sealed class FieldConnection : IDisposable
{
    private readonly IGattClient _client;
    private readonly TimeSpan _timeout;

    private FieldConnection(IGattClient client, TimeSpan timeout)
    {
        _client = client;
        _timeout = timeout;
    }

    /// <summary>Connects to the device at <paramref name="address"/> (a <see cref="FieldSighting.Address"/>).</summary>
    public static FieldConnection Open(IBleCentral central, string address, TimeSpan timeout) => new(central.Connect(address), timeout);

    /// <summary>Pairs with the device's label token; see <see cref="FieldPairingClient.Pair(string, X509Certificate2, RSA, string)"/>.</summary>
    public FieldPairingResult Pair(string scannedToken, X509Certificate2 certificate, RSA privateKey, string role)
    {
        var channel = new GattMessageClient(_client, new Guid(FieldPairingGatt.ServiceUuid), new Guid(FieldPairingGatt.RequestUuid),
            new Guid(FieldPairingGatt.ResponseUuid), FieldPairingGatt.MaxReplyBytes, _timeout);
        return new FieldPairingClient(channel.Exchange).Pair(scannedToken, certificate, privateKey, role);
    }

    /// <summary>Provisions Wi-Fi with Improv after <see cref="Pair"/>; returns the hub's URLs on the new network.</summary>
    public IReadOnlyList<string> ProvisionWifi(string ssid, string password) =>
        new ImprovClient(new GattImprovPeripheral(_client, _timeout)).ProvisionWifi(ssid, password);

    public void Dispose() => _client.Disconnect();
}
