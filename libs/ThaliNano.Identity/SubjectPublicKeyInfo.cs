using System;
using ThaliNano.Hashing;

namespace ThaliNano.Identity
{
    /// <summary>
    /// A SubjectPublicKeyInfo (RFC 5280 section 4.1): the DER a principal is identified by. Decoding is strict, so
    /// one key has one accepted encoding and its SHA-256 (the <see cref="PublicKeyId"/>) is well defined.
    /// </summary>
    public sealed class SubjectPublicKeyInfo
    {
        // 1.2.840.113549.1.1.1 rsaEncryption
        private static readonly byte[] s_rsaEncryption = new byte[] { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01 };

        private readonly byte[] _der;
        private readonly RsaPublicKey _rsa;
        private PublicKeyId _keyId;

        private SubjectPublicKeyInfo(byte[] der, RsaPublicKey rsa)
        {
            _der = der;
            _rsa = rsa;
        }

        /// <summary>Decodes a whole SubjectPublicKeyInfo; any other bytes throw <see cref="DerFormatException"/>.</summary>
        public static SubjectPublicKeyInfo Decode(byte[] der)
        {
            if (der == null)
            {
                throw new ArgumentNullException("der");
            }

            return Decode(der, 0, der.Length);
        }

        /// <summary>Decodes the SubjectPublicKeyInfo that exactly fills the given range.</summary>
        public static SubjectPublicKeyInfo Decode(byte[] data, int offset, int count)
        {
            DerReader outer = new DerReader(data, offset, count);
            DerReader spki = outer.ReadConstructed(DerReader.TagSequence, "SubjectPublicKeyInfo");
            outer.RequireEnd("SubjectPublicKeyInfo");

            DerReader algorithm = spki.ReadConstructed(DerReader.TagSequence, "the key's AlgorithmIdentifier");
            algorithm.ReadObjectIdentifier("the key algorithm");
            bool isRsa = algorithm.ContentEquals(s_rsaEncryption);
            if (isRsa)
            {
                algorithm.Read(DerReader.TagNull, "the rsaEncryption parameters");
                if (algorithm.ContentLength != 0)
                {
                    throw new DerFormatException("the rsaEncryption parameters are a NULL with content");
                }
            }
            else if (algorithm.HasMore)
            {
                algorithm.ReadAny("the key algorithm parameters");
            }

            algorithm.RequireEnd("the key's AlgorithmIdentifier");

            spki.Read(DerReader.TagBitString, "subjectPublicKey");
            if (spki.ContentLength < 2)
            {
                throw new DerFormatException("subjectPublicKey is an empty BIT STRING");
            }

            if (data[spki.ContentOffset] != 0)
            {
                throw new DerFormatException("subjectPublicKey is not a whole number of bytes");
            }

            int keyOffset = spki.ContentOffset + 1;
            int keyLength = spki.ContentLength - 1;
            spki.RequireEnd("SubjectPublicKeyInfo");

            RsaPublicKey rsa = isRsa ? DecodeRsaPublicKey(data, keyOffset, keyLength) : null;
            byte[] copy = new byte[count];
            Array.Copy(data, offset, copy, 0, count);
            return new SubjectPublicKeyInfo(copy, rsa);
        }

        /// <summary>The canonical (DER) SubjectPublicKeyInfo of an RSA key, as X.509 certificates carry it.</summary>
        public static SubjectPublicKeyInfo FromRsaPublicKey(RsaPublicKey key)
        {
            if (key == null)
            {
                throw new ArgumentNullException("key");
            }

            DerWriter rsaKey = new DerWriter();
            rsaKey.WriteUnsignedInteger(key.Modulus);
            rsaKey.WriteUnsignedInteger(key.Exponent);
            byte[] rsaPublicKey = DerWriter.Wrap(DerReader.TagSequence, rsaKey.ToArray(), null);

            DerWriter algorithm = new DerWriter();
            algorithm.WriteElement(DerReader.TagObjectIdentifier, s_rsaEncryption, null);
            algorithm.WriteElement(DerReader.TagNull, new byte[0], null);

            DerWriter spki = new DerWriter();
            spki.WriteElement(DerReader.TagSequence, algorithm.ToArray(), null);
            spki.WriteElement(DerReader.TagBitString, rsaPublicKey, new byte[] { 0 });
            return new SubjectPublicKeyInfo(DerWriter.Wrap(DerReader.TagSequence, spki.ToArray(), null), key);
        }

        /// <summary>The SubjectPublicKeyInfo of a DER X.509 certificate (see <see cref="X509Der"/>).</summary>
        public static SubjectPublicKeyInfo FromCertificate(byte[] certificateDer)
        {
            int offset;
            int length;
            X509Der.FindSubjectPublicKeyInfo(certificateDer, out offset, out length);
            return Decode(certificateDer, offset, length);
        }

        /// <summary>True for rsaEncryption keys, the only kind with a published httpkey form.</summary>
        public bool IsRsa
        {
            get { return _rsa != null; }
        }

        /// <summary>The RSA key, or null when the key is of another type (EC keys have only the hash form).</summary>
        public RsaPublicKey RsaKey
        {
            get { return _rsa; }
        }

        /// <summary>SHA-256 of the DER: the principal's identity.</summary>
        public PublicKeyId KeyId
        {
            get
            {
                if (_keyId == null)
                {
                    _keyId = PublicKeyId.FromHash(Sha256.Hash(_der));
                }

                return _keyId;
            }
        }

        /// <summary>A copy of the DER encoding.</summary>
        public byte[] GetEncoded()
        {
            byte[] copy = new byte[_der.Length];
            Array.Copy(_der, copy, _der.Length);
            return copy;
        }

        private static RsaPublicKey DecodeRsaPublicKey(byte[] data, int offset, int count)
        {
            DerReader outer = new DerReader(data, offset, count);
            DerReader key = outer.ReadConstructed(DerReader.TagSequence, "RSAPublicKey");
            outer.RequireEnd("RSAPublicKey");
            byte[] modulus = ReadPositiveInteger(key, "the RSA modulus");
            byte[] exponent = ReadPositiveInteger(key, "the RSA public exponent");
            key.RequireEnd("RSAPublicKey");
            if (modulus.Length > RsaPublicKey.MaxModulusBits / 8 || exponent.Length > RsaPublicKey.MaxModulusBits / 8)
            {
                throw new DerFormatException("the RSA key is larger than " + RsaPublicKey.MaxModulusBits.ToString() + " bits");
            }

            return new RsaPublicKey(modulus, exponent);
        }

        private static byte[] ReadPositiveInteger(DerReader reader, string what)
        {
            reader.ReadInteger(what);
            byte[] data = reader.Data;
            int start = reader.ContentOffset;
            int length = reader.ContentLength;
            if (data[start] >= 0x80)
            {
                throw new DerFormatException(what + " is negative");
            }

            if (data[start] == 0)
            {
                start++;
                length--;
            }

            if (length == 0)
            {
                throw new DerFormatException(what + " is zero");
            }

            byte[] value = new byte[length];
            Array.Copy(data, start, value, 0, length);
            return value;
        }
    }
}
