using System;
using ThaliNano.Hashing;
using ThaliNano.Text;

namespace ThaliNano.Identity
{
    /// <summary>
    /// The per-request principal proof, an Authorization header of scheme ThaliKey (grammar in the README):
    /// <c>ThaliKey id="&lt;key id&gt;", epoch="&lt;epoch&gt;", ctr="&lt;counter&gt;", body="&lt;digest&gt;", mac="&lt;mac&gt;"</c>,
    /// where mac = base64url(HMAC-SHA256(secret, "ThaliKey-v2\n" hub "\n" epoch "\n" id "\n" ctr "\n" method "\n" target
    /// "\n" body "\n")): bound to one hub, one request and its exact body bytes.
    /// </summary>
    public sealed class ThaliKeyProof
    {
        public const string Scheme = "ThaliKey";
        public const string MacLabel = "ThaliKey-v2";
        public const int MaxHeaderLength = 320;
        public const int MaxEpochLength = 64;
        public const int MaxCounterDigits = 18;
        public const int MaxTargetLength = 8192;

        /// <summary>The body digest of an empty body (and of a request without one): base64url(SHA-256 of no bytes).</summary>
        public const string EmptyBodyDigest = "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU";

        // In this order in TryParse's values.
        private static readonly string[] s_parameterNames = new string[] { "id", "epoch", "ctr", "body", "mac" };

        private readonly PublicKeyId _keyId;
        private readonly string _epoch;
        private readonly long _counter;
        private readonly string _bodyDigest;
        private readonly byte[] _mac;

        private ThaliKeyProof(PublicKeyId keyId, string epoch, long counter, string bodyDigest, byte[] mac)
        {
            _keyId = keyId;
            _epoch = epoch;
            _counter = counter;
            _bodyDigest = bodyDigest;
            _mac = mac;
        }

        public PublicKeyId KeyId
        {
            get { return _keyId; }
        }

        public string Epoch
        {
            get { return _epoch; }
        }

        public long Counter
        {
            get { return _counter; }
        }

        /// <summary>The base64url SHA-256 of the request body the proof was made for (43 characters).</summary>
        public string BodyDigest
        {
            get { return _bodyDigest; }
        }

        /// <summary>A copy of the 32-byte MAC.</summary>
        public byte[] GetMac()
        {
            byte[] copy = new byte[_mac.Length];
            Array.Copy(_mac, copy, _mac.Length);
            return copy;
        }

        internal byte[] Mac
        {
            get { return _mac; }
        }

        /// <summary>The Authorization header value a client sends (client side of the scheme).</summary>
        /// <param name="keyId">The client's key id.</param>
        /// <param name="secret">The 32-byte secret established at pairing.</param>
        /// <param name="hubKeyId">The hub's key id: the key the client pinned (its httpkey URL names it).</param>
        /// <param name="epoch">The epoch of the hub's last challenge.</param>
        /// <param name="counter">1, 2, ... per hub and epoch.</param>
        /// <param name="method">The request method exactly as sent.</param>
        /// <param name="target">The request target exactly as sent (path and query, percent-encoded).</param>
        /// <param name="bodyDigest">The body's digest (<see cref="DigestOfBody"/>; <see cref="EmptyBodyDigest"/> without a body).</param>
        public static string CreateHeader(PublicKeyId keyId, byte[] secret, PublicKeyId hubKeyId, string epoch, long counter, string method, string target,
            string bodyDigest)
        {
            if (keyId == null)
            {
                throw new ArgumentNullException("keyId");
            }

            if (secret == null)
            {
                throw new ArgumentNullException("secret");
            }

            if (hubKeyId == null)
            {
                throw new ArgumentNullException("hubKeyId");
            }

            string error = EpochError(epoch);
            if (error == null && (counter < 1 || counter > 999999999999999999L))
            {
                error = "the counter lies between 1 and 10^18 - 1";
            }

            if (error == null)
            {
                error = RequestError(method, target);
            }

            if (error == null && DecodeDigest(bodyDigest) == null)
            {
                error = "the body digest is not 43 base64url characters (32 bytes)";
            }

            if (error != null)
            {
                throw new ArgumentException(error);
            }

            string id = keyId.ToBase64Url();
            string ctr = counter.ToString();
            string mac = Base64Url.Encode(ComputeMac(secret, hubKeyId, epoch, id, ctr, method, target, bodyDigest));
            return Scheme + " id=\"" + id + "\", epoch=\"" + epoch + "\", ctr=\"" + ctr + "\", body=\"" + bodyDigest + "\", mac=\"" + mac + "\"";
        }

        /// <summary>The body digest of these body bytes: base64url(SHA-256), 43 characters.</summary>
        public static string DigestOfBody(byte[] body, int offset, int count)
        {
            return Base64Url.Encode(Sha256.Hash(body, offset, count));
        }

        /// <summary>Parses a ThaliKey Authorization header value; FormatException says what is wrong.</summary>
        public static ThaliKeyProof Parse(string headerValue)
        {
            string error;
            ThaliKeyProof proof = TryParse(headerValue, out error);
            if (proof == null)
            {
                throw new FormatException(error);
            }

            return proof;
        }

        /// <summary>The epoch of a <c>WWW-Authenticate: ThaliKey epoch="..."</c> challenge, or null if it is not one.</summary>
        public static string ParseChallenge(string wwwAuthenticate)
        {
            if (wwwAuthenticate == null)
            {
                return null;
            }

            string text = TrimWhitespace(wwwAuthenticate);
            if (!StartsWithScheme(text) || text.Length < Scheme.Length + 1 || !IsWhitespace(text[Scheme.Length]))
            {
                return null;
            }

            string rest = TrimWhitespace(text.Substring(Scheme.Length));
            const string Name = "epoch=\"";
            if (!rest.StartsWith(Name) || rest[rest.Length - 1] != '"')
            {
                return null;
            }

            string epoch = rest.Substring(Name.Length, rest.Length - Name.Length - 1);
            return EpochError(epoch) == null ? epoch : null;
        }

        /// <summary>The challenge header value (WWW-Authenticate) a hub sends with a 401.</summary>
        public static string CreateChallenge(string epoch)
        {
            string error = EpochError(epoch);
            if (error != null)
            {
                throw new ArgumentException(error, "epoch");
            }

            return Scheme + " epoch=\"" + epoch + "\"";
        }

        /// <summary>True when the header value is of the ThaliKey scheme (whatever its parameters).</summary>
        public static bool IsThaliKeyScheme(string headerValue)
        {
            if (headerValue == null)
            {
                return false;
            }

            string text = TrimWhitespace(headerValue);
            return StartsWithScheme(text) && (text.Length == Scheme.Length || IsWhitespace(text[Scheme.Length]));
        }

        internal static ThaliKeyProof TryParse(string headerValue, out string error)
        {
            error = null;
            if (headerValue == null)
            {
                error = "there is no Authorization header";
                return null;
            }

            if (headerValue.Length > MaxHeaderLength)
            {
                error = "the ThaliKey header is longer than " + MaxHeaderLength.ToString() + " characters";
                return null;
            }

            string text = TrimWhitespace(headerValue);
            if (!IsThaliKeyScheme(text))
            {
                error = "the Authorization scheme is not ThaliKey";
                return null;
            }

            string[] values = new string[s_parameterNames.Length];
            int position = Scheme.Length;
            bool first = true;
            while (true)
            {
                int start = position;
                position = SkipWhitespace(text, position);
                if (position >= text.Length)
                {
                    break;
                }

                if (first)
                {
                    if (position == start)
                    {
                        error = "the ThaliKey scheme is not followed by a space";
                        return null;
                    }
                }
                else
                {
                    if (text[position] != ',')
                    {
                        error = "ThaliKey parameters are separated by ','";
                        return null;
                    }

                    position = SkipWhitespace(text, position + 1);
                }

                first = false;
                int equals = text.IndexOf('=', position);
                if (equals < 0 || equals + 1 >= text.Length || text[equals + 1] != '"')
                {
                    error = "a ThaliKey parameter is name=\"value\"";
                    return null;
                }

                string name = text.Substring(position, equals - position);
                int close = text.IndexOf('"', equals + 2);
                if (close < 0)
                {
                    error = "a ThaliKey parameter value has no closing quote";
                    return null;
                }

                string value = text.Substring(equals + 2, close - equals - 2);
                position = close + 1;
                int index = ParameterIndex(name);
                if (index < 0)
                {
                    error = "unknown ThaliKey parameter \"" + (name.Length > 16 ? name.Substring(0, 16) + "..." : name) + "\"";
                    return null;
                }

                if (values[index] != null)
                {
                    error = "the " + name + " parameter appears twice";
                    return null;
                }

                values[index] = value;
            }

            string id = values[0];
            string epoch = values[1];
            string ctr = values[2];
            string body = values[3];
            string mac = values[4];
            if (id == null || epoch == null || ctr == null || body == null || mac == null)
            {
                error = "a ThaliKey header has the parameters id, epoch, ctr, body and mac";
                return null;
            }

            PublicKeyId keyId;
            if (!PublicKeyId.TryParseBase64Url(id, out keyId))
            {
                error = "id is not a key id of 43 base64url characters";
                return null;
            }

            error = EpochError(epoch);
            if (error != null)
            {
                return null;
            }

            long counter = ParseCounter(ctr);
            if (counter < 1)
            {
                error = "ctr is not a decimal counter of 1 to 18 digits without leading zeros";
                return null;
            }

            if (DecodeDigest(body) == null)
            {
                error = "body is not 43 base64url characters (the SHA-256 of the request body)";
                return null;
            }

            byte[] macBytes = DecodeDigest(mac);
            if (macBytes == null)
            {
                error = "mac is not 43 base64url characters (32 bytes)";
                return null;
            }

            return new ThaliKeyProof(keyId, epoch, counter, body, macBytes);
        }

        /// <summary>The 32 bytes of a 43-character base64url value, or null when it is not one.</summary>
        internal static byte[] DecodeDigest(string text)
        {
            if (text == null || text.Length != 43)
            {
                return null;
            }

            try
            {
                return Base64Url.Decode(text);
            }
            catch (FormatException)
            {
                return null;
            }
        }

        /// <summary>HMAC-SHA256 over the MAC input lines; every string is printable ASCII by then.</summary>
        internal static byte[] ComputeMac(byte[] secret, PublicKeyId hubKeyId, string epoch, string id, string ctr, string method, string target,
            string bodyDigest)
        {
            HmacSha256 hmac = new HmacSha256(secret);
            AppendLine(hmac, MacLabel);
            AppendLine(hmac, hubKeyId.ToBase64Url());
            AppendLine(hmac, epoch);
            AppendLine(hmac, id);
            AppendLine(hmac, ctr);
            AppendLine(hmac, method);
            AppendLine(hmac, target);
            AppendLine(hmac, bodyDigest);
            return hmac.GetMacAndReset();
        }

        /// <summary>Null when method is an HTTP token and target is 1..8192 printable ASCII characters.</summary>
        internal static string RequestError(string method, string target)
        {
            if (method == null || method.Length == 0 || method.Length > 32)
            {
                return "the method is not an HTTP token of 1 to 32 characters";
            }

            for (int i = 0; i < method.Length; i++)
            {
                char c = method[i];
                bool token = AsciiChars.IsAlphaNumeric(c) || "!#$%&'*+-.^_`|~".IndexOf(c) >= 0;
                if (!token)
                {
                    return "the method is not an HTTP token of 1 to 32 characters";
                }
            }

            if (target == null || target.Length == 0 || target.Length > MaxTargetLength)
            {
                return "the request target is empty or longer than " + MaxTargetLength.ToString() + " characters";
            }

            for (int i = 0; i < target.Length; i++)
            {
                char c = target[i];
                if (c < '!' || c > '~')
                {
                    return "the request target contains a character outside printable ASCII";
                }
            }

            return null;
        }

        /// <summary>Null when the epoch is 1..64 base64url characters.</summary>
        internal static string EpochError(string epoch)
        {
            if (epoch == null || epoch.Length == 0 || epoch.Length > MaxEpochLength)
            {
                return "epoch is not 1 to 64 base64url characters";
            }

            for (int i = 0; i < epoch.Length; i++)
            {
                if (!AsciiChars.IsBase64Url(epoch[i]))
                {
                    return "epoch is not 1 to 64 base64url characters";
                }
            }

            return null;
        }

        private static void AppendLine(HmacSha256 hmac, string line)
        {
            byte[] bytes = new byte[line.Length + 1];
            for (int i = 0; i < line.Length; i++)
            {
                bytes[i] = (byte)line[i];
            }

            bytes[line.Length] = (byte)'\n';
            hmac.Append(bytes, 0, bytes.Length);
        }

        /// <summary>The counter's value, or -1 when it is not 1 to 18 digits without a leading zero.</summary>
        private static long ParseCounter(string text)
        {
            if (text.Length == 0 || text.Length > MaxCounterDigits || text[0] == '0')
            {
                return -1;
            }

            long value = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9')
                {
                    return -1;
                }

                value = value * 10 + (c - '0');
            }

            return value;
        }

        private static int ParameterIndex(string name)
        {
            for (int i = 0; i < s_parameterNames.Length; i++)
            {
                if (s_parameterNames[i] == name)
                {
                    return i;
                }
            }

            return -1;
        }

        private static bool StartsWithScheme(string text)
        {
            if (text.Length < Scheme.Length)
            {
                return false;
            }

            // Auth schemes are case-insensitive (RFC 9110 section 11.1).
            for (int i = 0; i < Scheme.Length; i++)
            {
                if (ToLowerAscii(text[i]) != ToLowerAscii(Scheme[i]))
                {
                    return false;
                }
            }

            return true;
        }

        private static char ToLowerAscii(char c)
        {
            return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
        }

        private static bool IsWhitespace(char c)
        {
            return c == ' ' || c == '\t';
        }

        private static int SkipWhitespace(string text, int position)
        {
            while (position < text.Length && IsWhitespace(text[position]))
            {
                position++;
            }

            return position;
        }

        private static string TrimWhitespace(string text)
        {
            int start = SkipWhitespace(text, 0);
            int end = text.Length;
            while (end > start && IsWhitespace(text[end - 1]))
            {
                end--;
            }

            return start == 0 && end == text.Length ? text : text.Substring(start, end - start);
        }
    }
}
