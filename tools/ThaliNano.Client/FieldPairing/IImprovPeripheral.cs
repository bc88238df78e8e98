namespace ThaliNano.Client.FieldPairing;

/// <summary>
/// The Improv BLE service of one device as the technician's app sees it: reads of the Current State, Error State
/// and Capabilities characteristics, and a write to RPC Command answered by the RPC Result notification that
/// follows it (null when none comes). The README maps each onto GATT.
/// </summary>
public interface IImprovPeripheral
{
    byte ReadCurrentState();

    byte ReadErrorState();

    byte ReadCapabilities();

    byte[]? WriteRpcCommand(byte[] packet);
}
