using System;
using System.Collections;
using ThaliNano.Store.Format;
using ThaliNano.Store.Storage;

namespace ThaliNano.Store
{
    /// <summary>
    /// The hub: every database of the device, one directory each under the storage root, and scratch files beside them
    /// (<see cref="CreateScratchFile"/>). Creating and deleting are crash-safe through marker files ("creating",
    /// "deleting") that the next start finishes or rolls back. Enforces the whole-store limit. Thread-safe.
    /// </summary>
    public sealed class DocumentStore : IDisposable
    {
        private const string ScratchPrefix = "scratch.";

        private readonly object _sync = new object();
        private readonly IFileStorage _storage;
        private readonly StoreOptions _options;
        private readonly Hashtable _open = new Hashtable();
        private readonly Hashtable _closedSizes = new Hashtable();
        private long _scratchBytes;
        private int _scratchFiles;
        private bool _disposed;

        /// <summary>Opens the store on a storage root: finishes interrupted deletes, removes interrupted creates and scratch files.</summary>
        public DocumentStore(IFileStorage storage, StoreOptions options)
        {
            if (storage == null)
            {
                throw new ArgumentNullException("storage");
            }

            _storage = storage;
            _options = options == null ? new StoreOptions() : options;
            if (!_options.IsValid())
            {
                throw new ArgumentException("invalid store options");
            }

            string[] dirs = _storage.ListDirectories("");
            for (int i = 0; i < dirs.Length; i++)
            {
                string dir = dirs[i];
                if (_storage.FileExists(StorageNames.Combine(dir, Database.DeletingMarker))
                    || _storage.FileExists(StorageNames.Combine(dir, Database.CreatingMarker))
                    || _storage.ListFiles(dir).Length + _storage.ListDirectories(dir).Length == 0)
                {
                    DeleteTree(dir);
                    continue;
                }

                _closedSizes[dir] = MeasureTree(dir);
            }

            string[] files = _storage.ListFiles("");
            for (int i = 0; i < files.Length; i++)
            {
                if (files[i].StartsWith(ScratchPrefix))
                {
                    _storage.DeleteFile(files[i]);
                }
            }
        }

        /// <summary>Bytes all databases take on flash.</summary>
        public long UsedBytes
        {
            get
            {
                lock (_sync)
                {
                    long total = _scratchBytes;
                    foreach (DictionaryEntry e in _closedSizes)
                    {
                        total += (long)e.Value;
                    }

                    foreach (DictionaryEntry e in _open)
                    {
                        total += ((Database)e.Value).SizeOnFlash;
                    }

                    return total;
                }
            }
        }

        public Database CreateDatabase(string name)
        {
            return CreateDatabase(name, null);
        }

        /// <summary>Creates and opens a database. Throws <see cref="DatabaseExistsException"/>, <see cref="InvalidDatabaseNameException"/>.</summary>
        public Database CreateDatabase(string name, DatabaseOptions options)
        {
            DatabaseOptions o = options == null ? new DatabaseOptions() : options.Clone();
            o.Validate();
            string dir = DatabaseNames.ToDirectoryName(name);
            lock (_sync)
            {
                CheckNotDisposed();
                if (_storage.DirectoryExists(dir))
                {
                    throw new DatabaseExistsException(name);
                }

                CheckStoreSpace(1024);
                Database.CreateFiles(_storage, dir, name, o);
                _closedSizes[dir] = MeasureTree(dir);
                return OpenLocked(name, dir);
            }
        }

        /// <summary>The open database of that name (opened on first use). Throws <see cref="DatabaseNotFoundException"/>.</summary>
        public Database OpenDatabase(string name)
        {
            string dir = DatabaseNames.ToDirectoryName(name);
            lock (_sync)
            {
                CheckNotDisposed();
                Database db = (Database)_open[dir];
                if (db != null)
                {
                    return db;
                }

                if (!_storage.DirectoryExists(dir))
                {
                    throw new DatabaseNotFoundException(name);
                }

                return OpenLocked(name, dir);
            }
        }

        public bool DatabaseExists(string name)
        {
            if (!DatabaseNames.IsValid(name))
            {
                return false;
            }

            lock (_sync)
            {
                return _storage.DirectoryExists(DatabaseNames.ToDirectoryName(name));
            }
        }

        /// <summary>Deletes a database and its files; false when it does not exist. Crash-safe: a cut leaves it deleted at the next start.</summary>
        public bool DeleteDatabase(string name)
        {
            string dir = DatabaseNames.ToDirectoryName(name);
            lock (_sync)
            {
                CheckNotDisposed();
                if (!_storage.DirectoryExists(dir))
                {
                    return false;
                }

                Database db = (Database)_open[dir];
                if (db != null)
                {
                    _open.Remove(dir);
                    db.Abandon();
                }

                using (IStorageFile marker = _storage.Create(StorageNames.Combine(dir, Database.DeletingMarker)))
                {
                    marker.Sync();
                }

                DeleteTree(dir);
                _closedSizes.Remove(dir);
                return true;
            }
        }

        /// <summary>A new, empty scratch file; dispose it to delete it.</summary>
        public ScratchFile CreateScratchFile()
        {
            lock (_sync)
            {
                CheckNotDisposed();
                string path = ScratchPrefix + (_scratchFiles++).ToString();
                return new ScratchFile(this, _storage.Create(path), path);
            }
        }

        /// <summary>Names of every database, sorted (ordinal).</summary>
        public string[] ListDatabases()
        {
            lock (_sync)
            {
                CheckNotDisposed();
                string[] dirs = _storage.ListDirectories("");
                string[] names = new string[dirs.Length];
                int n = 0;
                for (int i = 0; i < dirs.Length; i++)
                {
                    string name = ReadName(dirs[i]);
                    if (name != null)
                    {
                        names[n++] = name;
                    }
                }

                string[] result = new string[n];
                Array.Copy(names, result, n);
                Sort(result);
                return result;
            }
        }

        /// <summary>
        /// Calls <see cref="Database.ReleaseCaches"/> on every open database (the device does once started: opening,
        /// recovery and the first writes leave every database's pages cached).
        /// </summary>
        public void ReleaseCaches()
        {
            ArrayList open = OpenDatabases();
            for (int i = 0; i < open.Count; i++)
            {
                ((Database)open[i]).ReleaseCaches();
            }
        }

        /// <summary>
        /// Calls <see cref="Database.ReleaseCachesIfIdle"/> on every open database; returns how many released. Called
        /// periodically (the device does), a database left alone for a whole period gives back its cached pages.
        /// </summary>
        public int ReleaseIdleCaches()
        {
            ArrayList open = OpenDatabases();
            int released = 0;
            for (int i = 0; i < open.Count; i++)
            {
                if (((Database)open[i]).ReleaseCachesIfIdle())
                {
                    released++;
                }
            }

            return released;
        }

        /// <summary>
        /// A copy of the open databases, to call them outside the store's lock: a database takes its own lock first, then
        /// the store's (space checks).
        /// </summary>
        private ArrayList OpenDatabases()
        {
            ArrayList open = new ArrayList();
            lock (_sync)
            {
                foreach (DictionaryEntry e in _open)
                {
                    open.Add(e.Value);
                }
            }

            return open;
        }

        public void Dispose()
        {
            lock (_sync)
            {
                if (_disposed)
                {
                    return;
                }

                ArrayList open = new ArrayList();
                foreach (DictionaryEntry e in _open)
                {
                    open.Add(e.Value);
                }

                for (int i = 0; i < open.Count; i++)
                {
                    ((Database)open[i]).Dispose();
                }

                _disposed = true;
            }
        }

        /// <summary>
        /// Throws <see cref="InsufficientStorageException"/> when <paramref name="growth"/> more bytes would pass the
        /// store limit less the compaction reserve, or leave less than <see cref="StoreOptions.MinFreeBytes"/> free on
        /// the file system.
        /// </summary>
        internal void CheckStoreSpace(long growth)
        {
            long max = _options.MaxStoreBytes;
            if (max > 0)
            {
                long writable = max - _options.CompactionReserveBytes;
                if (UsedBytes + growth > writable)
                {
                    throw new InsufficientStorageException("the store would exceed its limit of " + writable.ToString() + " bytes for writes ("
                        + max.ToString() + " bytes, less " + _options.CompactionReserveBytes.ToString() + " kept for compaction)");
                }
            }

            long available = _storage.AvailableBytes;
            if (available >= 0 && available - growth < _options.MinFreeBytes)
            {
                throw new InsufficientStorageException("the disk would have less than the " + _options.MinFreeBytes.ToString()
                    + " free bytes the store keeps (" + available.ToString() + " bytes free)");
            }
        }

        /// <summary>Bytes compaction may write: left under the store limit and free on the file system (long.MaxValue when neither is known).</summary>
        internal long FreeSpace()
        {
            long room = _options.MaxStoreBytes > 0 ? _options.MaxStoreBytes - UsedBytes : long.MaxValue;
            long available = _storage.AvailableBytes;
            return available >= 0 && available < room ? available : room;
        }

        /// <summary>Counts <paramref name="bytes"/> more of scratch data, or throws when they do not fit (see <see cref="CheckStoreSpace"/>).</summary>
        internal void ReserveScratch(long bytes)
        {
            lock (_sync)
            {
                CheckStoreSpace(bytes);
                _scratchBytes += bytes;
            }
        }

        internal void DeleteScratch(string path, long length)
        {
            lock (_sync)
            {
                _storage.DeleteFile(path);
                _scratchBytes -= length;
            }
        }

        internal void Closed(Database db)
        {
            lock (_sync)
            {
                if (_open[db.Directory] == db)
                {
                    _open.Remove(db.Directory);
                    _closedSizes[db.Directory] = MeasureTree(db.Directory);
                }
            }
        }

        private Database OpenLocked(string name, string dir)
        {
            Database db = new Database(this, _storage, dir, _options);
            db.Open();
            if (db.Name != name)
            {
                db.Abandon();
                throw new DatabaseNotFoundException(name);
            }

            _closedSizes.Remove(dir);
            _open[dir] = db;
            return db;
        }

        private string ReadName(string dir)
        {
            try
            {
                bool damaged;
                byte[] payload = new SlotFile(_storage, dir, Database.MetaBase, MetaRecord.Magic).ReadNewest(out damaged);
                string name;
                uint generation;
                uint baseSeq;
                DatabaseOptions options;
                if (payload != null && MetaRecord.TryDecode(payload, out name, out generation, out baseSeq, out options))
                {
                    return name;
                }
            }
            catch (UnsupportedFormatException)
            {
            }

            return null;
        }

        private void CheckNotDisposed()
        {
            if (_disposed)
            {
                throw new ObjectDisposedException("DocumentStore");
            }
        }

        /// <summary>Deletes a directory tree; a "deleting" marker in it goes last, so a cut leaves it marked.</summary>
        private void DeleteTree(string dir)
        {
            string[] subdirs = _storage.ListDirectories(dir);
            for (int i = 0; i < subdirs.Length; i++)
            {
                DeleteTree(StorageNames.Combine(dir, subdirs[i]));
            }

            string[] files = _storage.ListFiles(dir);
            for (int i = 0; i < files.Length; i++)
            {
                if (files[i] != Database.DeletingMarker)
                {
                    _storage.DeleteFile(StorageNames.Combine(dir, files[i]));
                }
            }

            _storage.DeleteFile(StorageNames.Combine(dir, Database.DeletingMarker));
            _storage.DeleteDirectory(dir);
        }

        private long MeasureTree(string dir)
        {
            long total = 0;
            string[] files = _storage.ListFiles(dir);
            for (int i = 0; i < files.Length; i++)
            {
                total += _storage.GetFileLength(StorageNames.Combine(dir, files[i]));
            }

            string[] subdirs = _storage.ListDirectories(dir);
            for (int i = 0; i < subdirs.Length; i++)
            {
                total += MeasureTree(StorageNames.Combine(dir, subdirs[i]));
            }

            return total;
        }

        private static int CompareOrdinal(string a, string b)
        {
            int n = a.Length < b.Length ? a.Length : b.Length;
            for (int i = 0; i < n; i++)
            {
                if (a[i] != b[i])
                {
                    return a[i] - b[i];
                }
            }

            return a.Length - b.Length;
        }

        private static void Sort(string[] a)
        {
            for (int i = 1; i < a.Length; i++)
            {
                string x = a[i];
                int j = i - 1;
                while (j >= 0 && CompareOrdinal(a[j], x) > 0)
                {
                    a[j + 1] = a[j];
                    j--;
                }

                a[j + 1] = x;
            }
        }
    }
}
