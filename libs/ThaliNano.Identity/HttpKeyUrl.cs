using System;

namespace ThaliNano.Identity
{
    /// <summary>
    /// An httpkey URL: <c>httpkey://host:port/&lt;key&gt;[/path]</c>, where the key is either the published
    /// <c>rsapublickey:&lt;e&gt;.&lt;m&gt;</c> (decimal) or the compact <c>sha256:&lt;key id&gt;</c>. The exact grammar is in the
    /// README. A client connects with TLS to host:port and accepts the server only when its certificate carries
    /// the key (<see cref="PinValidator"/>); the host name plays no part in that check.
    /// </summary>
    public sealed class HttpKeyUrl
    {
        public const string Prefix = "httpkey://";
        public const string RsaKeyType = "rsapublickey";
        public const string Sha256KeyType = "sha256";

        private const int MaxHostLength = 253;
        private const int MaxUrlLength = 8192;

        private readonly string _host;
        private readonly int _port;
        private readonly string _path;
        private readonly PublicKeyId _keyId;
        private readonly RsaPublicKey _rsaKey;

        private HttpKeyUrl(string host, int port, PublicKeyId keyId, RsaPublicKey rsaKey, string path)
        {
            _host = host;
            _port = port;
            _keyId = keyId;
            _rsaKey = rsaKey;
            _path = path;
        }

        /// <summary>A URL in the compact form.</summary>
        /// <param name="path">Empty, or starting with '/': the resource on the server.</param>
        public static HttpKeyUrl Create(string host, int port, PublicKeyId keyId, string path)
        {
            if (keyId == null)
            {
                throw new ArgumentNullException("keyId");
            }

            CheckArguments(host, port, path);
            return new HttpKeyUrl(host, port, keyId, null, path);
        }

        /// <summary>A URL in the published form (its key id is the hash of the key's canonical SubjectPublicKeyInfo).</summary>
        public static HttpKeyUrl Create(string host, int port, RsaPublicKey key, string path)
        {
            if (key == null)
            {
                throw new ArgumentNullException("key");
            }

            CheckArguments(host, port, path);
            return new HttpKeyUrl(host, port, SubjectPublicKeyInfo.FromRsaPublicKey(key).KeyId, key, path);
        }

        /// <summary>Parses either form; anything else, including unknown key types, throws FormatException.</summary>
        public static HttpKeyUrl Parse(string url)
        {
            if (url == null)
            {
                throw new ArgumentNullException("url");
            }

            if (url.Length > MaxUrlLength)
            {
                throw new FormatException("the httpkey URL is longer than " + MaxUrlLength.ToString() + " characters");
            }

            if (!url.StartsWith(Prefix))
            {
                throw new FormatException("an httpkey URL starts with \"httpkey://\"");
            }

            int hostStart = Prefix.Length;
            int hostEnd;
            if (hostStart < url.Length && url[hostStart] == '[')
            {
                int close = url.IndexOf(']', hostStart);
                if (close < 0)
                {
                    throw new FormatException("the IPv6 host has no closing ']'");
                }

                hostEnd = close + 1;
            }
            else
            {
                hostEnd = url.IndexOf(':', hostStart);
                int slash = url.IndexOf('/', hostStart);
                if (hostEnd < 0 || (slash >= 0 && slash < hostEnd))
                {
                    throw new FormatException("the httpkey URL has no port: the authority is host:port");
                }
            }

            string host = url.Substring(hostStart, hostEnd - hostStart);
            string hostError = HostError(host);
            if (hostError != null)
            {
                throw new FormatException(hostError);
            }

            if (hostEnd >= url.Length || url[hostEnd] != ':')
            {
                throw new FormatException("the httpkey URL has no port: the authority is host:port");
            }

            int portEnd = url.IndexOf('/', hostEnd + 1);
            if (portEnd < 0)
            {
                throw new FormatException("the httpkey URL has no key after the authority");
            }

            int port = ParsePort(url.Substring(hostEnd + 1, portEnd - hostEnd - 1));

            int keyStart = portEnd + 1;
            int keyEnd = url.IndexOf('/', keyStart);
            if (keyEnd < 0)
            {
                keyEnd = url.Length;
            }

            string path = url.Substring(keyEnd);
            string pathError = PathError(path);
            if (pathError != null)
            {
                throw new FormatException(pathError);
            }

            string key = url.Substring(keyStart, keyEnd - keyStart);
            int colon = key.IndexOf(':');
            if (colon < 0)
            {
                throw new FormatException("the key segment is not <key-type>:<key>");
            }

            string keyType = key.Substring(0, colon);
            string keyValue = key.Substring(colon + 1);
            if (keyType == Sha256KeyType)
            {
                PublicKeyId id;
                if (!PublicKeyId.TryParseBase64Url(keyValue, out id))
                {
                    throw new FormatException("a sha256 key is exactly 43 base64url characters");
                }

                return new HttpKeyUrl(host, port, id, null, path);
            }

            if (keyType == RsaKeyType)
            {
                RsaPublicKey rsa = ParseRsaKey(keyValue);
                return new HttpKeyUrl(host, port, SubjectPublicKeyInfo.FromRsaPublicKey(rsa).KeyId, rsa, path);
            }

            throw new FormatException("unknown httpkey key type \"" + Truncate(keyType) + "\": only rsapublickey and sha256 are defined");
        }

        public string Host
        {
            get { return _host; }
        }

        public int Port
        {
            get { return _port; }
        }

        /// <summary>Empty, or the part from the '/' after the key to the end.</summary>
        public string Path
        {
            get { return _path; }
        }

        /// <summary>The server's principal: the key id both forms map to.</summary>
        public PublicKeyId KeyId
        {
            get { return _keyId; }
        }

        /// <summary>The RSA key of a URL in the published form, otherwise null.</summary>
        public RsaPublicKey RsaKey
        {
            get { return _rsaKey; }
        }

        public HttpKeyForm Form
        {
            get { return _rsaKey != null ? HttpKeyForm.RsaPublicKey : HttpKeyForm.Sha256; }
        }

        /// <summary>The URL in the form it was created or parsed in.</summary>
        public override string ToString()
        {
            return _rsaKey != null ? ToPublishedString() : ToCompactString();
        }

        /// <summary>The compact form, always available.</summary>
        public string ToCompactString()
        {
            return Authority() + "/" + Sha256KeyType + ":" + _keyId.ToBase64Url() + _path;
        }

        /// <summary>The published form; only for URLs that carry an RSA key.</summary>
        public string ToPublishedString()
        {
            if (_rsaKey == null)
            {
                throw new InvalidOperationException("a key id alone has no published form: the RSA key is unknown");
            }

            return Authority() + "/" + RsaKeyType + ":" + DecimalNumber.FromBytes(_rsaKey.Exponent) + "."
                + DecimalNumber.FromBytes(_rsaKey.Modulus) + _path;
        }

        /// <summary>The https URL to open (same host, port and path; "/" when the path is empty).</summary>
        public string ToHttpsUrl()
        {
            return "https://" + _host + ":" + _port.ToString() + (_path.Length == 0 ? "/" : _path);
        }

        /// <summary>Whether a DER server certificate carries this URL's key (see <see cref="PinValidator"/>).</summary>
        public bool Accepts(byte[] serverCertificateDer)
        {
            return PinValidator.Matches(serverCertificateDer, _keyId);
        }

        public override bool Equals(object obj)
        {
            HttpKeyUrl other = obj as HttpKeyUrl;
            return other != null && ToString() == other.ToString();
        }

        public override int GetHashCode()
        {
            return _keyId.GetHashCode() ^ _port;
        }

        private string Authority()
        {
            return Prefix + _host + ":" + _port.ToString();
        }

        private static void CheckArguments(string host, int port, string path)
        {
            if (host == null)
            {
                throw new ArgumentNullException("host");
            }

            if (path == null)
            {
                throw new ArgumentNullException("path");
            }

            string error = HostError(host);
            if (error != null)
            {
                throw new ArgumentException(error, "host");
            }

            if (port < 1 || port > 65535)
            {
                throw new ArgumentOutOfRangeException("port", "a port lies between 1 and 65535");
            }

            error = PathError(path);
            if (error != null)
            {
                throw new ArgumentException(error, "path");
            }
        }

        private static RsaPublicKey ParseRsaKey(string value)
        {
            int dot = value.IndexOf('.');
            if (dot < 0)
            {
                throw new FormatException("an rsapublickey key is <exponent>.<modulus> in decimal");
            }

            int maxBytes = RsaPublicKey.MaxModulusBits / 8;
            byte[] exponent = DecimalNumber.ToBytes(value.Substring(0, dot), maxBytes);
            byte[] modulus = DecimalNumber.ToBytes(value.Substring(dot + 1), maxBytes);
            if (IsZero(exponent) || IsZero(modulus))
            {
                throw new FormatException("an RSA exponent and modulus are positive");
            }

            return new RsaPublicKey(modulus, exponent);
        }

        private static bool IsZero(byte[] value)
        {
            return value.Length == 1 && value[0] == 0;
        }

        private static int ParsePort(string text)
        {
            if (text.Length == 0 || text.Length > 5 || text[0] == '0')
            {
                throw new FormatException("the port is 1 to 65535 in decimal without leading zeros");
            }

            int port = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9')
                {
                    throw new FormatException("the port is 1 to 65535 in decimal without leading zeros");
                }

                port = port * 10 + (c - '0');
            }

            if (port > 65535)
            {
                throw new FormatException("the port is 1 to 65535 in decimal without leading zeros");
            }

            return port;
        }

        /// <summary>Null when the host is a name of letters, digits, '-' and '.', or a bracketed IPv6 address.</summary>
        private static string HostError(string host)
        {
            if (host.Length == 0)
            {
                return "the httpkey URL has an empty host";
            }

            if (host.Length > MaxHostLength + 2)
            {
                return "the host is longer than 253 characters";
            }

            if (host[0] == '[')
            {
                if (host.Length < 4 || host[host.Length - 1] != ']')
                {
                    return "an IPv6 host is written [address]";
                }

                for (int i = 1; i < host.Length - 1; i++)
                {
                    char c = host[i];
                    if (!(AsciiChars.IsHexDigit(c) || c == ':' || c == '.'))
                    {
                        return "an IPv6 host may only contain hex digits, ':' and '.'";
                    }
                }

                return null;
            }

            if (host.Length > MaxHostLength)
            {
                return "the host is longer than 253 characters";
            }

            for (int i = 0; i < host.Length; i++)
            {
                char c = host[i];
                if (!(AsciiChars.IsAlphaNumeric(c) || c == '-' || c == '.'))
                {
                    return "the host may only contain letters, digits, '-' and '.'";
                }
            }

            return null;
        }

        /// <summary>Null when the path is empty or '/'-separated segments of RFC 3986 pchar (no query, no fragment).</summary>
        private static string PathError(string path)
        {
            if (path.Length == 0)
            {
                return null;
            }

            if (path[0] != '/')
            {
                return "a path starts with '/'";
            }

            for (int i = 1; i < path.Length; i++)
            {
                char c = path[i];
                if (c == '%')
                {
                    if (i + 2 >= path.Length || !AsciiChars.IsHexDigit(path[i + 1]) || !AsciiChars.IsHexDigit(path[i + 2]))
                    {
                        return "a '%' in the path is not followed by two hex digits";
                    }

                    i += 2;
                }
                else if (!(AsciiChars.IsAlphaNumeric(c) || "-._~!$&'()*+,;=:@/".IndexOf(c) >= 0))
                {
                    return "the path contains a character that must be percent-encoded (or a query or fragment)";
                }
            }

            return null;
        }

        private static string Truncate(string text)
        {
            return text.Length <= 32 ? text : text.Substring(0, 32) + "...";
        }
    }
}
