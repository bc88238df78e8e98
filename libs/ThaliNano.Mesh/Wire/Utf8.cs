namespace ThaliNano.Mesh.Wire
{
    /// <summary>Strict UTF-8 validation (RFC 3629: shortest forms, no surrogates, at most U+10FFFF), so decoding
    /// untrusted bytes behaves the same on both targets (nanoFramework's decoder is not documented for bad input).</summary>
    internal static class Utf8
    {
        public static bool IsValid(byte[] bytes)
        {
            int i = 0;
            while (i < bytes.Length)
            {
                int b = bytes[i];
                int extra;
                int min;
                if (b < 0x80)
                {
                    i++;
                    continue;
                }
                else if (b >= 0xC2 && b <= 0xDF)
                {
                    extra = 1;
                    min = 0x80;
                }
                else if (b >= 0xE0 && b <= 0xEF)
                {
                    extra = 2;
                    min = 0x800;
                }
                else if (b >= 0xF0 && b <= 0xF4)
                {
                    extra = 3;
                    min = 0x10000;
                }
                else
                {
                    return false;
                }

                if (i + extra >= bytes.Length)
                {
                    return false;
                }

                int code = b & (0x3F >> extra);
                for (int k = 1; k <= extra; k++)
                {
                    int c = bytes[i + k];
                    if ((c & 0xC0) != 0x80)
                    {
                        return false;
                    }

                    code = (code << 6) | (c & 0x3F);
                }

                if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
                {
                    return false;
                }

                i += extra + 1;
            }

            return true;
        }
    }
}
