namespace ThaliNano.FieldPairing.Improv
{
    /// <summary>The board's Wi-Fi, as Improv provisioning needs it (the host tests fake it).</summary>
    public interface IWifiConnector
    {
        /// <summary>
        /// Joins the network and keeps its settings. Returns the hub's httpkey URL as reachable on that network, or
        /// null when the device could not connect (the previous settings stay).
        /// </summary>
        string Connect(string ssid, string password);
    }
}
