using System.IO;
using ThaliNano.Store.Storage;

namespace ThaliNano.Drivers.Esp32.FileStorage
{
    /// <summary>
    /// An open file on the device. nanoFramework's FileStream keeps no native handle: each Read and Write opens,
    /// seeks, transfers and closes the file natively, and copies the bytes once through a temporary array of the
    /// same size (so keep single appends small: the store appends one commit at a time).
    /// </summary>
    internal sealed class Esp32File : IStorageFile
    {
        private readonly FileStream _stream;

        public Esp32File(FileStream stream)
        {
            _stream = stream;
        }

        public long Length
        {
            get { return _stream.Length; }
        }

        public int Read(long position, byte[] buffer, int offset, int count)
        {
            long length = _stream.Length;
            if (position >= length)
            {
                return 0;
            }

            if (count > length - position)
            {
                count = (int)(length - position);
            }

            _stream.Seek(position, SeekOrigin.Begin);
            int total = 0;
            while (total < count)
            {
                int n = _stream.Read(buffer, offset + total, count - total);
                if (n <= 0)
                {
                    break;
                }

                total += n;
            }

            return total;
        }

        public void Append(byte[] buffer, int offset, int count)
        {
            _stream.Seek(0, SeekOrigin.End);
            _stream.Write(buffer, offset, count);
        }

        /// <summary>The write already committed (LittleFS close); Flush is kept as the documented hook.</summary>
        public void Sync()
        {
            _stream.Flush();
        }

        /// <summary>
        /// False: FileStream.SetLength throws on nanoFramework. Nothing needs it here: LittleFS commits each write
        /// atomically and commits nothing of a write that failed, so a log never has a torn tail to cut.
        /// </summary>
        public bool TryTruncate(long length)
        {
            return false;
        }

        public void Dispose()
        {
            _stream.Dispose();
        }
    }
}
