namespace ThaliNano.Identity
{
    /// <summary>How an httpkey URL names its server's key.</summary>
    public enum HttpKeyForm
    {
        /// <summary>The published Thali form: <c>rsapublickey:&lt;exponent&gt;.&lt;modulus&gt;</c> in decimal.</summary>
        RsaPublicKey = 1,

        /// <summary>This project's compact form: <c>sha256:&lt;43 base64url characters of the key id&gt;</c>.</summary>
        Sha256 = 2,
    }
}
