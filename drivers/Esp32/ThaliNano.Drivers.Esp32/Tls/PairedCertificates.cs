using System;
using System.Net.Security;

namespace ThaliNano.Drivers.Esp32.Tls
{
    /// <summary>
    /// Puts the paired principals' self-signed certificates into the device CA bundle, the only store mbedTLS
    /// verifies client certificates against. The bundle is replaced as a whole: always pass every paired principal.
    /// </summary>
    public static class PairedCertificates
    {
        /// <summary>Installs the PEM certificates as the CA bundle; false when the device refused it.</summary>
        public static bool Install(string[] pemCertificates)
        {
            if (pemCertificates == null || pemCertificates.Length == 0)
            {
                throw new ArgumentException("at least one paired certificate is needed", "pemCertificates");
            }

            return CertificateManager.AddCaCertificateBundle(Bundle(pemCertificates));
        }

        /// <summary>The PEM certificates concatenated, one after another, as the bundle text mbedTLS parses.</summary>
        public static string Bundle(string[] pemCertificates)
        {
            string bundle = string.Empty;
            for (int i = 0; i < pemCertificates.Length; i++)
            {
                string pem = pemCertificates[i];
                if (pem == null || !pem.StartsWith("-----BEGIN CERTIFICATE-----"))
                {
                    throw new ArgumentException("entry " + i.ToString() + " is not a PEM certificate", "pemCertificates");
                }

                bundle += pem[pem.Length - 1] == '\n' ? pem : pem + "\n";
            }

            return bundle;
        }
    }
}
