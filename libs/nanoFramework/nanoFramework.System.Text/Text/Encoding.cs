// Reference declarations of nanoFramework.System.Text 1.3.42 (nanoframework/System.Text, nanoFramework.System.Text/Text/Encoding.cs). Signatures only; never used at run time.

namespace System.Text
{
    [Serializable]
    public abstract class Encoding
    {
        public virtual byte[] GetBytes(string s) => throw null;
        public virtual int GetBytes(string s, int charIndex, int charCount, byte[] bytes, int byteIndex) => throw null;
        public virtual char[] GetChars(byte[] bytes) => throw null;
        public virtual char[] GetChars(byte[] bytes, int byteIndex, int byteCount) => throw null;
        public virtual string GetString(byte[] bytes, int index, int count) => throw null;
        public abstract Decoder GetDecoder();

        public static Encoding UTF8 => throw null;
    }
}
