using System;

namespace ThaliNano.Ble
{
    /// <summary>
    /// Reassembles one message at a time from <see cref="MessageFragments"/>. A message of declared length is allocated
    /// once, at its first fragment, after checking the length against the maximum; each fragment after that is copied
    /// into it without allocating. A streamed message (<see cref="MessageFragments.StreamedLength"/>) grows its array as
    /// fragments come, never past the maximum, and is cut to its length at its last fragment. A new first fragment
    /// restarts assembly (one message in flight).
    /// </summary>
    public sealed class MessageAssembler
    {
        private const int FirstStreamedCapacity = 256;

        private readonly int _maxMessageSize;
        private byte[] _message;
        private int _received;
        private int _nextSequence;
        private bool _isError;
        private bool _streamed;
        private bool _complete;
        private int _declaredLength;

        public MessageAssembler(int maxMessageSize)
        {
            if (maxMessageSize < 0 || maxMessageSize > MessageFragments.MaxMessageSize)
            {
                throw new ArgumentOutOfRangeException("maxMessageSize");
            }

            _maxMessageSize = maxMessageSize;
        }

        public int MaxMessageSize => _maxMessageSize;

        public bool InProgress => _message != null && !_complete;

        /// <summary>
        /// The length the last first fragment declared (also when it was <see cref="FragmentStatus.TooLarge"/>); for a
        /// streamed message that grew past the maximum, the bytes it had reached (the whole is longer still).
        /// </summary>
        public int DeclaredLength => _declaredLength;

        /// <summary>The completed message; null before <see cref="FragmentStatus.Complete"/>.</summary>
        public byte[] Message => _complete ? _message : null;

        /// <summary>Whether the completed message is an error reply (UTF-8 text).</summary>
        public bool IsError => _isError;

        public FragmentStatus Accept(byte[] fragment)
        {
            if (fragment == null || fragment.Length == 0)
            {
                return Drop();
            }

            byte header = fragment[0];
            if ((header & MessageFragments.FirstFlag) != 0)
            {
                return Start(fragment, header);
            }

            bool last = _streamed && (header & MessageFragments.LastFlag) != 0;
            int flags = header & ~MessageFragments.SequenceMask & ~(last ? MessageFragments.LastFlag : 0);
            if (!InProgress || (fragment.Length < 2 && !last) || flags != 0
                || (header & MessageFragments.SequenceMask) != (_nextSequence & MessageFragments.SequenceMask))
            {
                return Drop();
            }

            int count = fragment.Length - MessageFragments.HeaderSize;
            if (!_streamed)
            {
                if (_received + count > _message.Length)
                {
                    return Drop();
                }

                Append(fragment, MessageFragments.HeaderSize);
                _complete = _received == _message.Length;
                return _complete ? FragmentStatus.Complete : FragmentStatus.Partial;
            }

            if (_received + count > _maxMessageSize)
            {
                _declaredLength = _received + count;
                Reset();
                return FragmentStatus.TooLarge;
            }

            Reserve(_received + count);
            Append(fragment, MessageFragments.HeaderSize);
            if (!last)
            {
                return FragmentStatus.Partial;
            }

            byte[] whole = new byte[_received];
            Array.Copy(_message, whole, _received);
            _message = whole;
            _complete = true;
            return FragmentStatus.Complete;
        }

        public void Reset()
        {
            _message = null;
            _received = 0;
            _nextSequence = 0;
            _isError = false;
            _streamed = false;
            _complete = false;
        }

        private FragmentStatus Start(byte[] fragment, byte header)
        {
            Reset();
            if (fragment.Length < MessageFragments.FirstHeaderSize || (header & MessageFragments.SequenceMask) != 0)
            {
                return FragmentStatus.Ignored;
            }

            _declaredLength = (fragment[1] << 8) | fragment[2];
            _streamed = _declaredLength == MessageFragments.StreamedLength;
            int first = fragment.Length - MessageFragments.FirstHeaderSize;
            if (_streamed ? first > _maxMessageSize : _declaredLength > _maxMessageSize)
            {
                _declaredLength = _streamed ? first : _declaredLength;
                _streamed = false;
                return FragmentStatus.TooLarge;
            }

            if (!_streamed && first > _declaredLength)
            {
                return FragmentStatus.Ignored;
            }

            _message = new byte[_streamed ? (first > FirstStreamedCapacity ? first : FirstStreamedCapacity) : _declaredLength];
            _isError = (header & MessageFragments.ErrorFlag) != 0;
            Append(fragment, MessageFragments.FirstHeaderSize);
            _complete = !_streamed && _received == _message.Length;
            return _complete ? FragmentStatus.Complete : FragmentStatus.Partial;
        }

        /// <summary>Grows a streamed message's array to hold <paramref name="length"/> bytes, doubling up to the maximum.</summary>
        private void Reserve(int length)
        {
            if (length <= _message.Length)
            {
                return;
            }

            int capacity = _message.Length * 2;
            if (capacity < length)
            {
                capacity = length;
            }

            if (capacity > _maxMessageSize)
            {
                capacity = _maxMessageSize;
            }

            byte[] larger = new byte[capacity];
            Array.Copy(_message, larger, _received);
            _message = larger;
        }

        private void Append(byte[] fragment, int headerSize)
        {
            int count = fragment.Length - headerSize;
            Array.Copy(fragment, headerSize, _message, _received, count);
            _received += count;
            _nextSequence++;
        }

        private FragmentStatus Drop()
        {
            Reset();
            return FragmentStatus.Ignored;
        }
    }
}
