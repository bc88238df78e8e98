using System.Text;
using ThaliNano.FieldPairing.Improv;

namespace ThaliNano.Client.FieldPairing;

/// <summary>The technician's side of Improv Wi-Fi over BLE (https://www.improv-wifi.com/ble/).</summary>
public sealed class ImprovClient(IImprovPeripheral peripheral)
{
    public ImprovState State => (ImprovState)peripheral.ReadCurrentState();

    public ImprovError Error => (ImprovError)peripheral.ReadErrorState();

    /// <summary>
    /// Sends the Wi-Fi settings; returns the result's URLs (for ThaliNano: the hub's https URL, then its httpkey URL).
    /// Throws <see cref="ImprovException"/> with the device's error state when it did not provision.
    /// </summary>
    public IReadOnlyList<string> ProvisionWifi(string ssid, string password)
    {
        byte[] ssidBytes = Encoding.UTF8.GetBytes(ssid);
        byte[] passwordBytes = Encoding.UTF8.GetBytes(password);
        if (ssidBytes.Length is 0 or > 32 || passwordBytes.Length > 64)
        {
            throw new ArgumentException("an SSID is 1 to 32 bytes and a password at most 64");
        }

        byte[] data = [(byte)ssidBytes.Length, .. ssidBytes, (byte)passwordBytes.Length, .. passwordBytes];
        byte[]? result = peripheral.WriteRpcCommand(Packet(ImprovGatt.SendWifiSettings, data));
        if (result is null)
        {
            ImprovError error = Error;
            throw new ImprovException(error, "the device did not provision Wi-Fi: error state " + error);
        }

        return ReadStrings(result, ImprovGatt.SendWifiSettings);
    }

    /// <summary>command, length, data, checksum (sum of the preceding bytes modulo 256).</summary>
    public static byte[] Packet(byte command, byte[] data)
    {
        byte[] packet = [command, (byte)data.Length, .. data, 0];
        packet[^1] = (byte)packet.Take(packet.Length - 1).Sum(b => b);
        return packet;
    }

    private static List<string> ReadStrings(byte[] result, byte command)
    {
        if (result.Length < 3 || result.Length != result[1] + 3 || result[0] != command
            || result[^1] != (byte)result.Take(result.Length - 1).Sum(b => b))
        {
            throw new ImprovException(ImprovError.InvalidRpcPacket, "the RPC result is not a well-formed Improv packet");
        }

        var strings = new List<string>();
        int at = 2;
        while (at < result.Length - 1)
        {
            int length = result[at++];
            if (at + length > result.Length - 1)
            {
                throw new ImprovException(ImprovError.InvalidRpcPacket, "a string runs past the RPC result");
            }

            strings.Add(Encoding.UTF8.GetString(result, at, length));
            at += length;
        }

        return strings;
    }
}
