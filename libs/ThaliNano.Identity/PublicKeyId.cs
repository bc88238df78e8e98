using System;
using ThaliNano.Text;

namespace ThaliNano.Identity
{
    /// <summary>
    /// A principal: the SHA-256 of its key's DER SubjectPublicKeyInfo. Text forms: 43 characters of unpadded
    /// base64url (the default, used in URLs and headers) or 64 lowercase hex digits.
    /// </summary>
    public sealed class PublicKeyId
    {
        public const int SizeInBytes = 32;
        public const int Base64UrlLength = 43;
        public const int HexLength = 64;

        private readonly byte[] _hash;

        private PublicKeyId(byte[] hash)
        {
            _hash = hash;
        }

        /// <summary>Wraps a 32-byte SHA-256 value (copied).</summary>
        public static PublicKeyId FromHash(byte[] sha256)
        {
            if (sha256 == null)
            {
                throw new ArgumentNullException("sha256");
            }

            if (sha256.Length != SizeInBytes)
            {
                throw new ArgumentException("a key id is exactly 32 bytes", "sha256");
            }

            byte[] copy = new byte[SizeInBytes];
            Array.Copy(sha256, copy, SizeInBytes);
            return new PublicKeyId(copy);
        }

        /// <summary>The id of a DER SubjectPublicKeyInfo, which must decode strictly.</summary>
        public static PublicKeyId FromSubjectPublicKeyInfo(byte[] spkiDer)
        {
            return SubjectPublicKeyInfo.Decode(spkiDer).KeyId;
        }

        /// <summary>The id of the key in a DER X.509 certificate.</summary>
        public static PublicKeyId FromCertificate(byte[] certificateDer)
        {
            return SubjectPublicKeyInfo.FromCertificate(certificateDer).KeyId;
        }

        /// <summary>Parses either text form: 43 base64url characters or 64 lowercase hex digits.</summary>
        public static PublicKeyId Parse(string text)
        {
            if (text == null)
            {
                throw new ArgumentNullException("text");
            }

            if (text.Length == Base64UrlLength)
            {
                return new PublicKeyId(Base64Url.Decode(text));
            }

            if (text.Length == HexLength)
            {
                return new PublicKeyId(Hex.Decode(text));
            }

            throw new FormatException("a key id is 43 base64url characters or 64 lowercase hex digits, not " + text.Length.ToString() + " characters");
        }

        /// <summary>Parses only the 43-character base64url form.</summary>
        public static PublicKeyId ParseBase64Url(string text)
        {
            if (text == null || text.Length != Base64UrlLength)
            {
                throw new FormatException("a key id in base64url is exactly 43 characters");
            }

            return new PublicKeyId(Base64Url.Decode(text));
        }

        /// <summary>False instead of an exception when the text is not 43 base64url characters.</summary>
        public static bool TryParseBase64Url(string text, out PublicKeyId id)
        {
            id = null;
            if (text == null || text.Length != Base64UrlLength)
            {
                return false;
            }

            try
            {
                id = new PublicKeyId(Base64Url.Decode(text));
                return true;
            }
            catch (FormatException)
            {
                return false;
            }
        }

        /// <summary>False instead of an exception when the text is neither form.</summary>
        public static bool TryParse(string text, out PublicKeyId id)
        {
            id = null;
            if (text == null || (text.Length != Base64UrlLength && text.Length != HexLength))
            {
                return false;
            }

            try
            {
                id = Parse(text);
                return true;
            }
            catch (FormatException)
            {
                return false;
            }
        }

        /// <summary>A copy of the 32 bytes.</summary>
        public byte[] ToByteArray()
        {
            byte[] copy = new byte[SizeInBytes];
            Array.Copy(_hash, copy, SizeInBytes);
            return copy;
        }

        public string ToBase64Url()
        {
            return Base64Url.Encode(_hash);
        }

        public string ToHex()
        {
            return Hex.Encode(_hash);
        }

        /// <summary>The base64url form.</summary>
        public override string ToString()
        {
            return ToBase64Url();
        }

        public bool Equals(PublicKeyId other)
        {
            if (ReferenceEquals(other, null))
            {
                return false;
            }

            int difference = 0;
            for (int i = 0; i < SizeInBytes; i++)
            {
                difference |= _hash[i] ^ other._hash[i];
            }

            return difference == 0;
        }

        public override bool Equals(object obj)
        {
            return Equals(obj as PublicKeyId);
        }

        public override int GetHashCode()
        {
            return _hash[0] | (_hash[1] << 8) | (_hash[2] << 16) | (_hash[3] << 24);
        }

        public static bool operator ==(PublicKeyId left, PublicKeyId right)
        {
            if (ReferenceEquals(left, null))
            {
                return ReferenceEquals(right, null);
            }

            return left.Equals(right);
        }

        public static bool operator !=(PublicKeyId left, PublicKeyId right)
        {
            return !(left == right);
        }
    }
}
