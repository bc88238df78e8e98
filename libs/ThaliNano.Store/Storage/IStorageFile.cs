using System;

namespace ThaliNano.Store.Storage
{
    /// <summary>An open file: positional reads anywhere, writes only at the end. Not thread-safe.</summary>
    public interface IStorageFile : IDisposable
    {
        /// <summary>Current length, including appends not yet synced.</summary>
        long Length { get; }

        /// <summary>Reads up to count bytes at position; returns how many were read (0 at or past the end).</summary>
        int Read(long position, byte[] buffer, int offset, int count);

        /// <summary>Appends bytes at the end of the file. Not durable until <see cref="Sync"/>.</summary>
        void Append(byte[] buffer, int offset, int count);

        /// <summary>
        /// Returns only when every byte appended through this handle, and the file's creation or truncation, is
        /// durable: a power cut at any later instant keeps them.
        /// </summary>
        void Sync();

        /// <summary>
        /// Cuts the file to <paramref name="length"/> bytes (at most its length) and returns true, durable once synced;
        /// false, changing nothing, on platforms that cannot truncate (nanoFramework's FileStream.SetLength throws).
        /// </summary>
        bool TryTruncate(long length);
    }
}
