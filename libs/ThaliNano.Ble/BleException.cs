using System;

namespace ThaliNano.Ble
{
    /// <summary>A radio operation that failed: lost connection, timeout, refused message, radio busy in the other role.</summary>
    public class BleException : Exception
    {
        public BleException(string message)
            : base(message)
        {
        }
    }
}
