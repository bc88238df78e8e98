using System;
using System.Text;
using ThaliNano.Identity;
using ThaliNano.Text;

namespace ThaliNano.Firmware.Status
{
    /// <summary>
    /// The status page's guard against cross-site request forgery. A browser holding a paired client certificate sends it
    /// with any request, a forged form post from another site included; so an action (POST /_status/...) also needs a
    /// token that only a page read from this hub shows: HMAC-SHA256 over the principal with a key new at every start (the
    /// start's 16 epoch random bytes, never sent anywhere), first 16 bytes in base64url. Another site cannot read the page
    /// (same-origin policy, no CORS here), and a token works for its own principal only, so one principal's page cannot
    /// be used to forge another's actions. Costs one HMAC per page view of an admin and per action.
    /// </summary>
    internal sealed class ActionToken
    {
        private const int TokenBytes = 16;
        private static readonly byte[] s_label = Encoding.UTF8.GetBytes("ThaliNano status action\n");

        private readonly byte[] _key;

        public ActionToken(byte[] key)
        {
            if (key == null || key.Length < 16)
            {
                throw new ArgumentException("the action token key is at least 16 random bytes", "key");
            }

            _key = new byte[key.Length];
            Array.Copy(key, _key, key.Length);
        }

        public string For(string principal)
        {
            HmacSha256 mac = new HmacSha256(_key);
            mac.Append(s_label, 0, s_label.Length);
            byte[] name = Encoding.UTF8.GetBytes(principal);
            mac.Append(name, 0, name.Length);
            byte[] token = new byte[TokenBytes];
            Array.Copy(mac.GetMacAndReset(), token, TokenBytes);
            return Base64Url.Encode(token);
        }

        /// <summary>Compares in time independent of where the strings differ.</summary>
        public bool Accepts(string principal, string token)
        {
            string expected = For(principal);
            if (token == null || token.Length != expected.Length)
            {
                return false;
            }

            int difference = 0;
            for (int i = 0; i < expected.Length; i++)
            {
                difference |= expected[i] ^ token[i];
            }

            return difference == 0;
        }
    }
}
