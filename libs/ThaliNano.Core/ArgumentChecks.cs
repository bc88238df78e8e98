using System;

namespace ThaliNano
{
    /// <summary>Argument validation shared by the device libraries.</summary>
    public static class ArgumentChecks
    {
        /// <summary>Throws unless data is an array and [offset, offset + count) lies within it.</summary>
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

        /// <summary>For the constructors of stream readers and writers.</summary>
        public static void StreamAndBuffer(object stream, string name, int bufferSize, int minimumBufferSize)
        {
            if (stream == null)
            {
                throw new ArgumentNullException(name);
            }

            if (bufferSize < minimumBufferSize)
            {
                throw new ArgumentOutOfRangeException("bufferSize", "the buffer must hold at least " + minimumBufferSize.ToString() + " bytes");
            }
        }
    }
}
