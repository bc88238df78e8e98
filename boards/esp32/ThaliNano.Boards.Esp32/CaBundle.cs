using System;
using ThaliNano.Drivers.Esp32.Tls;
using ThaliNano.Firmware;
using ThaliNano.Firmware.Pairing;

namespace ThaliNano.Boards.Esp32
{
    /// <summary>
    /// Keeps the device CA bundle equal to the paired leaf certificates: written at start and after every pairing change
    /// (mbedTLS reads it at each new handshake, so the change holds for the next connection).
    /// </summary>
    public sealed class CaBundle : IPairingObserver
    {
        private readonly string _hubCertificatePem;

        public CaBundle(string hubCertificatePem)
        {
            _hubCertificatePem = hubCertificatePem;
        }

        public void PairingsChanged(PairingRegistry registry)
        {
            // Fail loudly rather than serve on with a stale bundle: an unpaired key would still pass the handshake
            // (its requests stay anonymous: the ThaliKey proof needs a paired key).
            if (!PairedCertificates.Install(registry.CertificatesPem(), _hubCertificatePem))
            {
                throw new InvalidOperationException("the device refused the CA bundle of the paired certificates");
            }
        }
    }
}
