// Reference declarations of nanoFramework.System.Net 1.11.43 (nanoframework/System.Net, nanoFramework.System.Net/X509Certificates/X509Certificate.cs). Signatures only; never used at run time.

namespace System.Security.Cryptography.X509Certificates
{
    public class X509Certificate
    {
        protected string _issuer;
        protected string _subject;
        protected DateTime _effectiveDate;
        protected DateTime _expirationDate;
        protected byte[] _handle;
        protected byte[] _sessionHandle;

        public X509Certificate() => throw null;
        public X509Certificate(byte[] certificate) => throw null;
        public X509Certificate(string certificate) => throw null;

        public virtual string Issuer => throw null;
        public virtual string Subject => throw null;

        public virtual DateTime GetEffectiveDate() => throw null;
        public virtual DateTime GetExpirationDate() => throw null;
        public virtual byte[] GetRawCertData() => throw null;
    }
}
