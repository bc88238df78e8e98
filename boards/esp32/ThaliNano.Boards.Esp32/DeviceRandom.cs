using System;
using ThaliNano.Firmware.Pairing;

namespace ThaliNano.Boards.Esp32
{
    /// <summary>
    /// The random source the ESP32 board has in managed code, <see cref="System.Random"/>: what proof secrets made while
    /// the hub runs (POST /_pairing) are drawn from. How strong it is on the device is documented in README.md.
    /// </summary>
    public sealed class DeviceRandom : IRandomSource
    {
        private readonly Random _random;

        public DeviceRandom(Random random)
        {
            _random = random;
        }

        public void NextBytes(byte[] buffer)
        {
            _random.NextBytes(buffer);
        }
    }
}
