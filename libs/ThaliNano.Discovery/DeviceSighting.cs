namespace ThaliNano.Discovery
{
    /// <summary>The newest beacon a resolver accepted from one device.</summary>
    internal sealed class DeviceSighting
    {
        public DeviceSighting(uint slot, uint counter)
        {
            Slot = slot;
            Counter = counter;
        }

        public uint Slot { get; set; }

        public uint Counter { get; set; }
    }
}
