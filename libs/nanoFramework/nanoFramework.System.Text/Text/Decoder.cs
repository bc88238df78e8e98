// Reference declarations of nanoFramework.System.Text 1.3.42 (nanoframework/System.Text, nanoFramework.System.Text/Text/Decoder.cs). Signatures only; never used at run time.

namespace System.Text
{
    public abstract class Decoder
    {
        public abstract void Convert(byte[] bytes, int byteIndex, int byteCount,
            char[] chars, int charIndex, int charCount, bool flush,
            out int bytesUsed, out int charsUsed, out bool completed);
    }
}
