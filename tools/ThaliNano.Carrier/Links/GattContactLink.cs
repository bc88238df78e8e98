using ThaliNano.Ble;
using ThaliNano.Mesh.Contact;

namespace ThaliNano.Carrier.Links;

/// <summary>
/// A contact over BLE: each request frame is one message of the GATT message channel (<see cref="MeshGatt"/>), the reply
/// frame one message back (the sensor streams it; the channel delivers it whole), so the stream returned is in memory; a lost connection, a
/// timeout or an over-long reply is an <see cref="IOException"/> (the contact then resumes at the next meeting).
/// </summary>
public sealed class GattContactLink : IContactLink
{
    private readonly GattMessageClient _channel;

    /// <summary>Subscribes to the reply characteristic of the connected sensor.</summary>
    /// <param name="maxReplyBytes">The largest reply read; a carrier node talking over this link announces at most this.</param>
    public GattContactLink(IGattClient client, TimeSpan timeout, int maxReplyBytes = MeshGatt.MaxFrameBytes)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxReplyBytes, ContactLimits.MinFrameBytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxReplyBytes, MeshGatt.MaxFrameBytes);
        MaxReplyBytes = maxReplyBytes;
        _channel = new GattMessageClient(client, new Guid(MeshGatt.ServiceUuid), new Guid(MeshGatt.RequestUuid),
            new Guid(MeshGatt.ResponseUuid), maxReplyBytes, timeout);
    }

    public int MaxReplyBytes { get; }

    public Stream Exchange(byte[] request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Length > MessageFragments.MaxDeclaredLength)
        {
            throw new IOException("a request frame of " + request.Length + " bytes exceeds the " + MessageFragments.MaxDeclaredLength
                + " bytes the GATT channel carries");
        }

        try
        {
            return new MemoryStream(_channel.Exchange(request), writable: false);
        }
        catch (BleException e)
        {
            throw new IOException(e.Message, e);
        }
    }
}
