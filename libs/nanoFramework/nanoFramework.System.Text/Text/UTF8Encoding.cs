// Reference declarations of nanoFramework.System.Text 1.3.42 (nanoframework/System.Text, nanoFramework.System.Text/Text/UTF8Encoding.cs). Signatures only; never used at run time.

namespace System.Text
{
    public class UTF8Encoding : Encoding
    {
        public UTF8Encoding() => throw null;

        public override byte[] GetBytes(string s) => throw null;
        public override int GetBytes(string s, int charIndex, int charCount, byte[] bytes, int byteIndex) => throw null;
        public override char[] GetChars(byte[] bytes) => throw null;
        public override char[] GetChars(byte[] bytes, int byteIndex, int byteCount) => throw null;
        public override Decoder GetDecoder() => throw null;
    }
}
