namespace ThaliNano.Ble
{
    /// <summary>
    /// Answers one request that arrived whole over a <see cref="GattMessageChannel"/> (pairing, Improv). Runs on the
    /// radio's event thread: keep it short. The reply (null for an empty one) goes back over the same connection.
    /// Protocol-level refusals belong in the reply; an exception becomes a generic error reply.
    /// </summary>
    public interface IGattMessageHandler
    {
        byte[] Handle(BleConnection connection, byte[] request);
    }
}
