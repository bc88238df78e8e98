using System;

namespace ThaliNano.Ble
{
    /// <summary>
    /// Reassembles one message at a time from <see cref="MessageFragments"/>. It allocates the message array once,
    /// at the first fragment, after checking the declared length against the maximum; each fragment after that is
    /// copied into it without allocating. A new first fragment restarts assembly (one message in flight).
    /// </summary>
    public sealed class MessageAssembler
    {
        private readonly int _maxMessageSize;
        private byte[] _message;
        private int _received;
        private int _nextSequence;
        private bool _isError;
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

        public bool InProgress => _message != null && _received < _message.Length;

        /// <summary>The length the last first fragment declared (also when it was <see cref="FragmentStatus.TooLarge"/>).</summary>
        public int DeclaredLength => _declaredLength;

        /// <summary>The completed message; null before <see cref="FragmentStatus.Complete"/>.</summary>
        public byte[] Message => _message != null && _received == _message.Length ? _message : null;

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

            if (!InProgress || fragment.Length < 2 || (header & ~MessageFragments.SequenceMask) != 0
                || (header & MessageFragments.SequenceMask) != (_nextSequence & MessageFragments.SequenceMask)
                || _received + fragment.Length - MessageFragments.HeaderSize > _message.Length)
            {
                return Drop();
            }

            Append(fragment, MessageFragments.HeaderSize);
            return _received == _message.Length ? FragmentStatus.Complete : FragmentStatus.Partial;
        }

        public void Reset()
        {
            _message = null;
            _received = 0;
            _nextSequence = 0;
            _isError = false;
        }

        private FragmentStatus Start(byte[] fragment, byte header)
        {
            Reset();
            if (fragment.Length < MessageFragments.FirstHeaderSize || (header & MessageFragments.SequenceMask) != 0)
            {
                return FragmentStatus.Ignored;
            }

            _declaredLength = (fragment[1] << 8) | fragment[2];
            if (_declaredLength > _maxMessageSize)
            {
                return FragmentStatus.TooLarge;
            }

            if (fragment.Length - MessageFragments.FirstHeaderSize > _declaredLength)
            {
                return FragmentStatus.Ignored;
            }

            _message = new byte[_declaredLength];
            _isError = (header & MessageFragments.ErrorFlag) != 0;
            Append(fragment, MessageFragments.FirstHeaderSize);
            return _received == _message.Length ? FragmentStatus.Complete : FragmentStatus.Partial;
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
