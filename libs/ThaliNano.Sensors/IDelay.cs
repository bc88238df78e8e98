namespace ThaliNano.Sensors
{
    /// <summary>Waits while a sensor converts. The device blocks the calling thread; tests advance a virtual clock.</summary>
    public interface IDelay
    {
        void Wait(int milliseconds);
    }
}
