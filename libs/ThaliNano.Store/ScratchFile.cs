using System;
using ThaliNano.Store.Storage;

namespace ThaliNano.Store
{
    /// <summary>
    /// A temporary file on the store's flash for request data too large for RAM: appended, read back, deleted by
    /// <see cref="Dispose"/>. Its bytes count towards the store's limit while it exists (an append past it throws
    /// <see cref="InsufficientStorageException"/>); it is never synced, and one left by a power cut is deleted when the
    /// store next opens. Not thread-safe.
    /// </summary>
    public sealed class ScratchFile : IDisposable
    {
        private readonly DocumentStore _store;
        private readonly IStorageFile _file;
        private readonly string _path;
        private bool _disposed;

        internal ScratchFile(DocumentStore store, IStorageFile file, string path)
        {
            _store = store;
            _file = file;
            _path = path;
        }

        public long Length
        {
            get { return _file.Length; }
        }

        public void Append(byte[] buffer, int offset, int count)
        {
            CheckNotDisposed();
            _store.ReserveScratch(count);
            _file.Append(buffer, offset, count);
        }

        /// <summary>Reads up to count bytes at position; returns how many were read (0 at or past the end).</summary>
        public int Read(long position, byte[] buffer, int offset, int count)
        {
            CheckNotDisposed();
            return _file.Read(position, buffer, offset, count);
        }

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            long length = _file.Length;
            _file.Dispose();
            _store.DeleteScratch(_path, length);
        }

        private void CheckNotDisposed()
        {
            if (_disposed)
            {
                throw new ObjectDisposedException("ScratchFile");
            }
        }
    }
}
