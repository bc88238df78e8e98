using System;
using System.Net.Security;

namespace ThaliNano.Drivers.Esp32.Tls
{
    /// <summary>
    /// Writes the device CA bundle, the only store mbedTLS verifies client certificates against, from the paired
    /// principals' self-signed leaf certificates (mbedTLS accepts a self-signed leaf that is itself in the bundle, and
    /// never lets a CA:FALSE certificate sign another). The bundle is replaced as a whole at every start and after
    /// every pairing change, also when nothing is paired: then it holds only the hub's own certificate, a leaf whose
    /// key only the hub has, so no earlier bundle survives and no client gets past the handshake.
    /// </summary>
    public static class PairedCertificates
    {
        private const string PemBegin = "-----BEGIN CERTIFICATE-----";

        /// <summary>
        /// Replaces the device CA bundle with the paired certificates, or with <paramref name="hubCertificatePem"/> alone
        /// when there are none; false when the device refused it.
        /// </summary>
        public static bool Install(string[] pairedPem, string hubCertificatePem)
        {
            return CertificateManager.AddCaCertificateBundle(Bundle(pairedPem, hubCertificatePem));
        }

        /// <summary>
        /// The bundle text: the PEM certificates one after another, ending with the NUL mbedTLS needs to parse PEM
        /// (nf-interpreter's ssl_generic_init_internal parses the stored bundle with mbedtls_x509_crt_parse, and
        /// upstream's own AddCaCertificateBundle(X509Certificate[]) appends "\0").
        /// </summary>
        public static string Bundle(string[] pairedPem, string hubCertificatePem)
        {
            if (pairedPem == null)
            {
                throw new ArgumentNullException("pairedPem");
            }

            string[] certificates = pairedPem.Length > 0 ? pairedPem : new string[] { hubCertificatePem };
            string bundle = string.Empty;
            for (int i = 0; i < certificates.Length; i++)
            {
                string pem = certificates[i];
                if (pem == null || !pem.StartsWith(PemBegin))
                {
                    throw new ArgumentException("entry " + i.ToString() + " is not a PEM certificate", "pairedPem");
                }

                bundle += pem[pem.Length - 1] == '\n' ? pem : pem + "\n";
            }

            return bundle + "\0";
        }
    }
}
