using System;
using System.Text;

namespace ThaliNano.Firmware
{
    /// <summary>PEM text of one X.509 certificate (RFC 7468): what pairing exchanges and the ESP32 CA bundle holds.</summary>
    public static class Pem
    {
        private const string Begin = "-----BEGIN CERTIFICATE-----";
        private const string End = "-----END CERTIFICATE-----";

        /// <summary>The DER bytes of the first certificate in the PEM text. Throws FormatException when there is none.</summary>
        public static byte[] DecodeCertificate(string pem)
        {
            if (pem == null)
            {
                throw new ArgumentNullException("pem");
            }

            int begin = pem.IndexOf(Begin);
            int end = begin < 0 ? -1 : pem.IndexOf(End, begin);
            if (end < 0)
            {
                throw new FormatException("no PEM certificate (" + Begin + " ... " + End + ") in the text");
            }

            StringBuilder base64 = new StringBuilder();
            for (int i = begin + Begin.Length; i < end; i++)
            {
                char c = pem[i];
                if (c != '\r' && c != '\n' && c != ' ' && c != '\t')
                {
                    base64.Append(c);
                }
            }

            return Convert.FromBase64String(base64.ToString());
        }

        /// <summary>PEM text of a DER certificate, 64 characters a line, ending with a line feed.</summary>
        public static string EncodeCertificate(byte[] der)
        {
            if (der == null)
            {
                throw new ArgumentNullException("der");
            }

            string base64 = Convert.ToBase64String(der);
            StringBuilder pem = new StringBuilder(Begin);
            pem.Append('\n');
            for (int i = 0; i < base64.Length; i += 64)
            {
                pem.Append(base64.Substring(i, base64.Length - i < 64 ? base64.Length - i : 64));
                pem.Append('\n');
            }

            pem.Append(End);
            pem.Append('\n');
            return pem.ToString();
        }
    }
}
