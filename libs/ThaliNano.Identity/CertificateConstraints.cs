using System;

namespace ThaliNano.Identity
{
    /// <summary>
    /// Whether a certificate can only ever be an end entity (a leaf). A paired certificate lands in the ESP32's CA
    /// bundle, where mbedTLS lets it sign other certificates when it is a CA (basicConstraints cA TRUE, and keyUsage
    /// absent or allowing keyCertSign) and, as a locally trusted root, even when it is an X.509 v1 or v2 certificate
    /// without extensions (mbedTLS x509_crt_check_parent). A leaf is version 3, not cA TRUE and without keyCertSign.
    /// The certificate's framing is checked as strictly as <see cref="X509Der"/> does.
    /// </summary>
    public static class CertificateConstraints
    {
        // 2.5.29.19 basicConstraints and 2.5.29.15 keyUsage
        private static readonly byte[] s_basicConstraints = new byte[] { 0x55, 0x1D, 0x13 };
        private static readonly byte[] s_keyUsage = new byte[] { 0x55, 0x1D, 0x0F };

        private const int TagBoolean = 0x01;
        private const int TagOctetString = 0x04;
        private const int TagExtensions = 0xA3;

        // keyUsage bit 5 (keyCertSign), counted from the most significant bit of the first byte.
        private const int KeyCertSignMask = 0x80 >> 5;

        /// <summary>True when the DER certificate is a leaf (see <see cref="NonLeafReason"/>).</summary>
        public static bool IsLeaf(byte[] certificateDer)
        {
            return NonLeafReason(certificateDer) == null;
        }

        /// <summary>
        /// Null when the DER certificate is a version 3 certificate that neither is a CA (basicConstraints cA TRUE)
        /// nor may sign certificates (keyUsage keyCertSign); otherwise why it is refused. Malformed certificates and
        /// extensions throw <see cref="DerFormatException"/>.
        /// </summary>
        public static string NonLeafReason(byte[] certificateDer)
        {
            int spkiOffset;
            int spkiLength;
            X509Der.FindSubjectPublicKeyInfo(certificateDer, out spkiOffset, out spkiLength);

            DerReader outer = new DerReader(certificateDer, 0, certificateDer.Length);
            DerReader tbs = outer.ReadConstructed(DerReader.TagSequence, "Certificate")
                .ReadConstructed(DerReader.TagSequence, "TBSCertificate");
            int version = 0;
            if (tbs.PeekTag() == DerReader.TagContext0Constructed)
            {
                DerReader explicitVersion = tbs.ReadConstructed(DerReader.TagContext0Constructed, "version");
                explicitVersion.ReadInteger("version");
                version = certificateDer[explicitVersion.ContentOffset];
            }

            if (version < 2)
            {
                return "an X.509 v" + (version + 1).ToString() + " certificate: without extensions it cannot say it is no CA, "
                    + "and mbedTLS trusts such a certificate in its CA bundle as one; pair a v3 certificate with "
                    + "basicConstraints CA:FALSE";
            }

            // Skip to the key (X509Der checked every field up to it), then look at what follows it.
            do
            {
                tbs.ReadAny("TBSCertificate");
            }
            while (tbs.ElementOffset != spkiOffset);

            while (tbs.HasMore)
            {
                tbs.ReadAny("a field after subjectPublicKeyInfo");
                if (tbs.Tag == TagExtensions)
                {
                    return CheckExtensions(certificateDer, tbs.ContentOffset, tbs.ContentLength);
                }
            }

            return null;
        }

        private static string CheckExtensions(byte[] der, int offset, int count)
        {
            DerReader wrapper = new DerReader(der, offset, count);
            DerReader extensions = wrapper.ReadConstructed(DerReader.TagSequence, "extensions");
            wrapper.RequireEnd("extensions");
            int basicConstraints = -1;
            int basicConstraintsLength = 0;
            int keyUsage = -1;
            int keyUsageLength = 0;
            while (extensions.HasMore)
            {
                DerReader extension = extensions.ReadConstructed(DerReader.TagSequence, "an extension");
                extension.ReadObjectIdentifier("an extension's extnID");
                bool isBasicConstraints = extension.ContentEquals(s_basicConstraints);
                bool isKeyUsage = extension.ContentEquals(s_keyUsage);
                if (extension.PeekTag() == TagBoolean)
                {
                    extension.Read(TagBoolean, "an extension's critical flag");
                }

                extension.Read(TagOctetString, "an extension's extnValue");
                extension.RequireEnd("an extension");
                if ((isBasicConstraints && basicConstraints >= 0) || (isKeyUsage && keyUsage >= 0))
                {
                    throw new DerFormatException("the certificate has two " + (isKeyUsage ? "keyUsage" : "basicConstraints") + " extensions");
                }

                if (isBasicConstraints)
                {
                    basicConstraints = extension.ContentOffset;
                    basicConstraintsLength = extension.ContentLength;
                }
                else if (isKeyUsage)
                {
                    keyUsage = extension.ContentOffset;
                    keyUsageLength = extension.ContentLength;
                }
            }

            if (basicConstraints >= 0 && IsCa(der, basicConstraints, basicConstraintsLength))
            {
                return "a CA certificate (basicConstraints CA:TRUE): its holder could sign certificates the hub would "
                    + "accept; pair a leaf certificate (basicConstraints=critical,CA:FALSE)";
            }

            if (keyUsage >= 0 && MaySignCertificates(der, keyUsage, keyUsageLength))
            {
                return "a certificate whose keyUsage allows keyCertSign: its holder could sign certificates the hub would "
                    + "accept; pair a leaf certificate (keyUsage=digitalSignature,keyEncipherment)";
            }

            return null;
        }

        // BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER (0..MAX) OPTIONAL }
        private static bool IsCa(byte[] der, int offset, int count)
        {
            DerReader value = new DerReader(der, offset, count);
            DerReader constraints = value.ReadConstructed(DerReader.TagSequence, "basicConstraints");
            value.RequireEnd("basicConstraints");
            bool ca = false;
            if (constraints.PeekTag() == TagBoolean)
            {
                constraints.Read(TagBoolean, "basicConstraints cA");
                if (constraints.ContentLength != 1)
                {
                    throw new DerFormatException("basicConstraints cA is not a one-byte BOOLEAN");
                }

                // DER says TRUE is 0xFF; any other non-zero byte is read as TRUE too, as a lenient verifier would.
                ca = der[constraints.ContentOffset] != 0;
            }

            if (constraints.HasMore)
            {
                constraints.ReadInteger("basicConstraints pathLenConstraint");
            }

            constraints.RequireEnd("basicConstraints");
            return ca;
        }

        // KeyUsage ::= BIT STRING; the first content byte counts the unused bits of the last byte.
        private static bool MaySignCertificates(byte[] der, int offset, int count)
        {
            DerReader value = new DerReader(der, offset, count);
            value.Read(DerReader.TagBitString, "keyUsage");
            value.RequireEnd("keyUsage");
            if (value.ContentLength < 1 || der[value.ContentOffset] > 7)
            {
                throw new DerFormatException("keyUsage is not a well-formed BIT STRING");
            }

            return value.ContentLength > 1 && (der[value.ContentOffset + 1] & KeyCertSignMask) != 0;
        }
    }
}
