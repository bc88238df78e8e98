using System;
using System.Text;
using ThaliNano.Identity;
using ThaliNano.Text;

namespace ThaliNano.FieldPairing
{
    /// <summary>
    /// The out-of-band secret on a device's QR label: 16 bytes of full entropy, printed as
    /// <c>thali-pair:&lt;22 base64url characters&gt;</c>. The device keeps only <see cref="DeriveKey"/>'s result.
    /// </summary>
    public sealed class PairingToken
    {
        public const string Prefix = "thali-pair:";
        public const int SizeInBytes = 16;
        public const int TextLength = 33;

        private static readonly byte[] s_keyLabel = Encoding.UTF8.GetBytes("ThaliNano field pairing token key v1");

        private readonly byte[] _secret;

        private PairingToken(byte[] secret)
        {
            _secret = secret;
        }

        /// <summary>A fresh token, made once at provisioning.</summary>
        public static PairingToken Create(IRandomSource random)
        {
            if (random == null)
            {
                throw new ArgumentNullException("random");
            }

            byte[] secret = new byte[SizeInBytes];
            random.NextBytes(secret);
            return new PairingToken(secret);
        }

        /// <summary>Parses the QR label's text; false for anything but the exact form.</summary>
        public static bool TryParse(string text, out PairingToken token)
        {
            token = null;
            if (text == null || text.Length != TextLength || !text.StartsWith(Prefix))
            {
                return false;
            }

            try
            {
                token = new PairingToken(Base64Url.Decode(text.Substring(Prefix.Length)));
                return true;
            }
            catch (FormatException)
            {
                return false;
            }
        }

        /// <summary>The QR label's text.</summary>
        public override string ToString()
        {
            return Prefix + Base64Url.Encode(_secret);
        }

        /// <summary>HMAC-SHA256(token, "ThaliNano field pairing token key v1"): the key both sides prove.</summary>
        public byte[] DeriveKey()
        {
            return HmacSha256.Compute(_secret, s_keyLabel);
        }
    }
}
