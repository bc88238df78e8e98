using System;

namespace ThaliNano.Ble
{
    /// <summary>
    /// The fragment format of the GATT message channel. Every fragment is one write or notification of at most the
    /// connection's <see cref="BleConnection.MaxPayload"/> bytes and starts with a header byte: bit 7 marks the first
    /// fragment, bit 6 (first fragment only) marks an error reply whose body is UTF-8 text, bits 0-5 count the
    /// fragment's index modulo 64. The first fragment then carries the message length (16 bits, big-endian), or
    /// <see cref="StreamedLength"/> for a message sent as it is produced (<see cref="StreamedMessageWriter"/>), which ends
    /// with a continuation fragment flagged <see cref="LastFlag"/> (bit 6; it may carry no bytes).
    /// </summary>
    public static class MessageFragments
    {
        public const byte FirstFlag = 0x80;
        public const byte ErrorFlag = 0x40;

        /// <summary>On a continuation fragment of a streamed message: its last fragment.</summary>
        public const byte LastFlag = 0x40;
        public const byte SequenceMask = 0x3F;
        public const int FirstHeaderSize = 3;
        public const int HeaderSize = 1;

        /// <summary>The longest message, streamed or not.</summary>
        public const int MaxMessageSize = 0xFFFF;

        /// <summary>The length field of a streamed message's first fragment.</summary>
        public const int StreamedLength = 0xFFFF;

        /// <summary>The longest length a first fragment declares (one more is <see cref="StreamedLength"/>).</summary>
        public const int MaxDeclaredLength = StreamedLength - 1;

        /// <summary>The smallest payload that carries a first fragment and one byte (the default MTU's 20 bytes do).</summary>
        public const int MinPayload = FirstHeaderSize + 1;

        public static int Count(int messageLength, int maxPayload)
        {
            CheckPayload(maxPayload);
            int first = maxPayload - FirstHeaderSize;
            if (messageLength <= first)
            {
                return 1;
            }

            int perFragment = maxPayload - HeaderSize;
            return 1 + ((messageLength - first + perFragment - 1) / perFragment);
        }

        /// <summary>Fragment <paramref name="index"/> of <paramref name="message"/>: one array of at most <paramref name="maxPayload"/> bytes.</summary>
        public static byte[] Fragment(byte[] message, int index, int maxPayload, bool isError)
        {
            CheckPayload(maxPayload);
            if (message.Length > MaxDeclaredLength)
            {
                throw new ArgumentException("a message of declared length holds at most " + MaxDeclaredLength + " bytes");
            }

            int first = maxPayload - FirstHeaderSize;
            if (index == 0)
            {
                int count = message.Length < first ? message.Length : first;
                byte[] fragment = new byte[FirstHeaderSize + count];
                fragment[0] = isError ? (byte)(FirstFlag | ErrorFlag) : FirstFlag;
                fragment[1] = (byte)(message.Length >> 8);
                fragment[2] = (byte)message.Length;
                Array.Copy(message, 0, fragment, FirstHeaderSize, count);
                return fragment;
            }

            int perFragment = maxPayload - HeaderSize;
            int start = first + ((index - 1) * perFragment);
            if (start >= message.Length)
            {
                throw new ArgumentOutOfRangeException("index");
            }

            int length = message.Length - start < perFragment ? message.Length - start : perFragment;
            byte[] continuation = new byte[HeaderSize + length];
            continuation[0] = (byte)(index & SequenceMask);
            Array.Copy(message, start, continuation, HeaderSize, length);
            return continuation;
        }

        private static void CheckPayload(int maxPayload)
        {
            if (maxPayload < MinPayload)
            {
                throw new ArgumentOutOfRangeException("maxPayload", "a fragment needs at least " + MinPayload + " bytes");
            }
        }
    }
}
