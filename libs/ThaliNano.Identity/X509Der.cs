using System;

namespace ThaliNano.Identity
{
    /// <summary>
    /// Just enough of X.509 (RFC 5280) to find a certificate's SubjectPublicKeyInfo: the outer structure and the
    /// TBSCertificate fields up to the key are checked strictly, later fields only for sound framing. Signatures are
    /// not verified: callers compare keys, they do not build chains.
    /// </summary>
    public static class X509Der
    {
        /// <summary>The DER SubjectPublicKeyInfo of a DER certificate (a copy).</summary>
        public static byte[] GetSubjectPublicKeyInfo(byte[] certificateDer)
        {
            int offset;
            int length;
            FindSubjectPublicKeyInfo(certificateDer, out offset, out length);
            byte[] spki = new byte[length];
            Array.Copy(certificateDer, offset, spki, 0, length);
            return spki;
        }

        /// <summary>Locates the SubjectPublicKeyInfo element inside a DER certificate without copying.</summary>
        public static void FindSubjectPublicKeyInfo(byte[] certificateDer, out int offset, out int length)
        {
            if (certificateDer == null)
            {
                throw new ArgumentNullException("certificateDer");
            }

            DerReader outer = new DerReader(certificateDer, 0, certificateDer.Length);
            DerReader certificate = outer.ReadConstructed(DerReader.TagSequence, "Certificate");
            outer.RequireEnd("Certificate");

            DerReader tbs = certificate.ReadConstructed(DerReader.TagSequence, "TBSCertificate");
            certificate.Read(DerReader.TagSequence, "signatureAlgorithm");
            certificate.Read(DerReader.TagBitString, "signatureValue");
            certificate.RequireEnd("Certificate");

            if (tbs.PeekTag() == DerReader.TagContext0Constructed)
            {
                DerReader version = tbs.ReadConstructed(DerReader.TagContext0Constructed, "version");
                version.ReadInteger("version");
                if (version.ContentLength != 1 || certificateDer[version.ContentOffset] > 2)
                {
                    throw new DerFormatException("version is not v1, v2 or v3");
                }

                version.RequireEnd("version");
            }

            tbs.ReadInteger("serialNumber");
            tbs.Read(DerReader.TagSequence, "signature");
            tbs.Read(DerReader.TagSequence, "issuer");
            tbs.Read(DerReader.TagSequence, "validity");
            tbs.Read(DerReader.TagSequence, "subject");
            tbs.Read(DerReader.TagSequence, "subjectPublicKeyInfo");
            offset = tbs.ElementOffset;
            length = tbs.ElementLength;

            // issuerUniqueID [1], subjectUniqueID [2], extensions [3]: only their framing matters here.
            int lastTag = -1;
            while (tbs.HasMore)
            {
                tbs.ReadAny("a field after subjectPublicKeyInfo");
                int tag = tbs.Tag;
                if ((tag != 0x81 && tag != 0x82 && tag != 0xA3) || tag <= lastTag)
                {
                    throw new DerFormatException("TBSCertificate has an unexpected field with tag 0x" + DerReader.Hex2(tag) + " after subjectPublicKeyInfo");
                }

                lastTag = tag;
            }
        }
    }
}
