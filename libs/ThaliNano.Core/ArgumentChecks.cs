using System;

namespace ThaliNano
{
    internal static class ArgumentChecks
    {
        public static void Range(byte[] data, int offset, int count)
        {
            if (data == null)
            {
                throw new ArgumentNullException("data");
            }

            if (offset < 0 || count < 0 || offset > data.Length - count)
            {
                throw new ArgumentOutOfRangeException("count", "offset and count must lie within the array");
            }
        }
    }
}
