using System.IO;

namespace ThaliNano.Ble
{
    /// <summary>
    /// Answers one request that arrived whole over a <see cref="GattMessageChannel"/> (pairing, Improv, mesh contacts).
    /// Runs on the radio's event thread: keep it short. The reply is written to <c>reply</c> (nothing for an empty
    /// one) and leaves in fragments as it is written (<see cref="StreamedMessageWriter"/>), so a long reply is never
    /// whole in RAM. Protocol-level refusals belong in the reply; an exception becomes a generic error reply when
    /// nothing was sent yet, else the reply is cut off (the central sees no reply).
    /// </summary>
    public interface IGattMessageHandler
    {
        void Handle(BleConnection connection, byte[] request, Stream reply);
    }
}
