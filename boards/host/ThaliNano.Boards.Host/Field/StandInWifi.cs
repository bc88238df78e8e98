using ThaliNano.FieldPairing.Improv;

namespace ThaliNano.Boards.Host.Field;

/// <summary>
/// The host board has no Wi-Fi of its own to join: Improv provisioning on it "joins" one of the networks it is told
/// about (SSID and password must match) and answers with the hub's httpkey URL, as a device answers with its address
/// on the new network. The networks joined are recorded, so tests and the CLI can show what a device would keep.
/// </summary>
public sealed class StandInWifi(IReadOnlyDictionary<string, string> networks, Func<string> hubUrl) : IWifiConnector
{
    private readonly List<string> _joined = new();

    public IReadOnlyList<string> Joined
    {
        get
        {
            lock (_joined)
            {
                return _joined.ToList();
            }
        }
    }

    public string? Connect(string ssid, string password)
    {
        if (!networks.TryGetValue(ssid, out string? expected) || expected != password)
        {
            return null;
        }

        lock (_joined)
        {
            _joined.Add(ssid);
        }

        return hubUrl();
    }
}
