using ThaliNano.Ble;
using ThaliNano.Client.FieldPairing;
using ThaliNano.FieldPairing.Improv;

namespace ThaliNano.Client.Field;

/// <summary>
/// Improv's characteristics on a GATT connection: reads of Current State, Error State and Capabilities; a write of RPC
/// Command answered by the RPC Result notification, or by an error state, whichever the device sends first.
/// </summary>
internal sealed class GattImprovPeripheral : IImprovPeripheral
{
    private static readonly Guid s_service = new(ImprovGatt.ServiceUuid);
    private static readonly Guid s_errorState = new(ImprovGatt.ErrorStateUuid);
    private static readonly Guid s_rpcResult = new(ImprovGatt.RpcResultUuid);

    private readonly IGattClient _client;
    private readonly TimeSpan _timeout;

    public GattImprovPeripheral(IGattClient client, TimeSpan timeout)
    {
        _client = client;
        _timeout = timeout;
    }

    public byte ReadCurrentState() => ReadByte(ImprovGatt.CurrentStateUuid);

    public byte ReadErrorState() => ReadByte(ImprovGatt.ErrorStateUuid);

    public byte ReadCapabilities() => ReadByte(ImprovGatt.CapabilitiesUuid);

    public byte[]? WriteRpcCommand(byte[] packet)
    {
        byte[]? result = null;
        bool failed = false;
        _client.Subscribe(s_service, s_rpcResult, (_, value) => result = value);
        _client.Subscribe(s_service, s_errorState, (_, value) => failed |= value.Length == 1 && value[0] != (byte)ImprovError.None);
        _client.Write(s_service, new Guid(ImprovGatt.RpcCommandUuid), packet, withResponse: true);
        _client.WaitUntil(() => result != null || failed, _timeout);
        return result;
    }

    private byte ReadByte(string characteristic)
    {
        byte[] value = _client.Read(s_service, new Guid(characteristic));
        return value.Length == 1 ? value[0] : throw new ImprovException(ImprovError.Unknown, "an Improv state characteristic holds one byte, not " + value.Length);
    }
}
