using ThaliNano.FieldPairing.Improv;

namespace ThaliNano.Benchmarks.Memory;

/// <summary>Improv's Wi-Fi seam: no technician provisions Wi-Fi during the benchmark, so no network is ever joined.</summary>
internal sealed class NoWifi : IWifiConnector
{
    public string? Connect(string ssid, string password) => null;
}
