namespace ThaliNano.Store.Storage
{
    /// <summary>
    /// The file system the store lives on: the only platform dependency of the store. Paths are relative to the
    /// storage root, use '/' between names, and every name is at most <see cref="StorageNames.MaxNameLength"/> characters of
    /// [a-z0-9._~-] (the store only makes such names), so that they fit LittleFS (esp_littlefs' default name limit is
    /// 64 bytes), FAT long names and every host file system alike.
    ///
    /// Durability contract (what the store relies on, and all it relies on):
    /// - <see cref="CreateDirectory"/>, <see cref="DeleteDirectory"/> and <see cref="DeleteFile"/> are atomic and
    ///   durable when they return: after a power cut the directory or file is wholly there or wholly gone, as last
    ///   returned.
    /// - Bytes appended to a file become durable only when <see cref="IStorageFile.Sync"/> on that handle, or
    ///   <see cref="SyncAll"/>, returns; so do a file's creation and a truncation by <see cref="Create"/>.
    /// - After a power cut a file holds its durable content followed by some prefix (possibly empty) of the writes
    ///   made since, in order; a truncation not yet durable may or may not have happened. Nothing else: bytes are
    ///   never invented, and durable bytes are never lost.
    /// - An append that fails for lack of space (the platform's disk-full error) throws
    ///   <see cref="InsufficientStorageException"/> and leaves the file as it was (LittleFS commits nothing of a
    ///   failed write; the host driver cuts the file back).
    /// - No rename is needed or offered: LittleFS through nanoFramework refuses to move onto an existing name, and
    ///   the store's atomic switches use alternating slots instead.
    /// </summary>
    public interface IFileStorage
    {
        bool DirectoryExists(string path);

        /// <summary>Creates one directory (the parent must exist); atomic and durable on return.</summary>
        void CreateDirectory(string path);

        /// <summary>Deletes an empty directory; atomic and durable on return.</summary>
        void DeleteDirectory(string path);

        /// <summary>Names (not paths) of the subdirectories of a directory, in no particular order.</summary>
        string[] ListDirectories(string path);

        /// <summary>Names (not paths) of the files in a directory, in no particular order.</summary>
        string[] ListFiles(string path);

        bool FileExists(string path);

        /// <summary>Length in bytes of an existing file, including appends not yet synced.</summary>
        long GetFileLength(string path);

        /// <summary>Deletes a file if it exists; atomic and durable on return.</summary>
        void DeleteFile(string path);

        /// <summary>Opens an existing file for positional reads and appends.</summary>
        IStorageFile Open(string path);

        /// <summary>
        /// Creates a file, or truncates an existing one to zero length, and opens it for reads and appends. The
        /// creation or truncation is durable once the handle is synced.
        /// </summary>
        IStorageFile Create(string path);

        /// <summary>
        /// Returns only when everything appended through any handle of this storage, open or already closed, and
        /// every file created or truncated, is durable.
        /// </summary>
        void SyncAll();

        /// <summary>
        /// Bytes still free for files on the file system (what a new append can take), or -1 when the platform cannot
        /// tell (nanoFramework's DriveInfo has no free space). The store keeps <c>StoreOptions.MinFreeBytes</c> of it.
        /// </summary>
        long AvailableBytes { get; }
    }
}
