using System.Threading;

namespace ThaliNano.Sensors
{
    /// <summary>The real delay: blocks the calling thread (the sampling thread on the device).</summary>
    public sealed class ThreadDelay : IDelay
    {
        public void Wait(int milliseconds)
        {
            Thread.Sleep(milliseconds);
        }
    }
}
