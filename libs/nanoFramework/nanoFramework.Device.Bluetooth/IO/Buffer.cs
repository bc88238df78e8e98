// Reference declarations of nanoFramework.Device.Bluetooth 1.1.58 (nanoframework/nanoFramework.Device.Bluetooth, nanoFramework.Device.Bluetooth/IO/Buffer.cs). Signatures only; never used at run time.

namespace nanoFramework.Device.Bluetooth
{
    /// <summary>Its byte array is internal upstream: device code reads a Buffer through DataReader.</summary>
    public class Buffer
    {
        protected uint _length;

        public Buffer(uint capacity) => throw null;
        public Buffer(byte[] array) => throw null;

        public uint Capacity => throw null;

        /// <summary>Settable up to Capacity: a Buffer over a reused array can send fewer bytes than the array holds.</summary>
        public uint Length
        {
            get => throw null;
            set => throw null;
        }

        public void EnsureCapacity(uint newCapacity) => throw null;
    }
}
