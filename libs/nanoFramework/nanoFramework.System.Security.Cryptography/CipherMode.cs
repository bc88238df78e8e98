// Reference declarations of nanoFramework.System.Security.Cryptography 1.0.38 (nanoframework/System.Security.Cryptography, System.Security.Cryptography/CipherMode.cs). Signatures only; never used at run time.

namespace System.Security.Cryptography
{
    public enum CipherMode
    {
        None = 0,
        CBC = 1,
        ECB = 2,
    }
}
