namespace ThaliNano.Identity
{
    /// <summary>
    /// Client-side check of a server against a pinned key id, the httpkey rule: the server's (leaf) certificate must
    /// carry exactly the pinned key; host names, issuers and validity dates play no part. Only the leaf is compared
    /// because no signatures are verified here: the TLS handshake proves possession of the leaf's key, nothing more.
    /// </summary>
    public static class PinValidator
    {
        /// <summary>True when the DER certificate's key hashes to the pin; false for any other or malformed certificate.</summary>
        public static bool Matches(byte[] serverCertificateDer, PublicKeyId pinned)
        {
            if (serverCertificateDer == null || pinned == null)
            {
                return false;
            }

            try
            {
                return PublicKeyId.FromCertificate(serverCertificateDer) == pinned;
            }
            catch (DerFormatException)
            {
                return false;
            }
        }
    }
}
