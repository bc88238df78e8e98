using System;
using System.IO;
using ThaliNano.Store.Storage;

namespace ThaliNano.Drivers.Esp32.FileStorage
{
    /// <summary>
    /// <see cref="IFileStorage"/> on nanoFramework's System.IO.FileSystem, normally under a folder of the internal
    /// LittleFS drive ("I:\\thali"). On ESP32 every FileStream.Write opens the file, appends, and closes it natively
    /// (fopen "a+" / fwrite / fclose through the ESP-IDF VFS), and closing a LittleFS file commits it atomically: each
    /// write is durable when it returns and a power cut never leaves part of one. Hence Sync and SyncAll have nothing
    /// left to do, and the store's torn-tail path (which copies a log) is not expected to run on the device.
    /// Directory creation, deletion and file deletion are LittleFS metadata commits, atomic and durable on return.
    /// Not used: FileStream.SetLength (throws NotImplementedException), File.Move onto an existing name (refused).
    /// </summary>
    public sealed class Esp32FileStorage : IFileStorage
    {
        private readonly string _root;

        /// <param name="root">Absolute folder for the store, e.g. "I:\\thali"; created when missing.</param>
        public Esp32FileStorage(string root)
        {
            if (root == null || root.Length < 3)
            {
                throw new ArgumentException("root must be an absolute folder such as I:\\thali", "root");
            }

            _root = root;
            if (!Directory.Exists(_root))
            {
                Directory.CreateDirectory(_root);
            }
        }

        public bool DirectoryExists(string path)
        {
            return Directory.Exists(Full(path));
        }

        public void CreateDirectory(string path)
        {
            Directory.CreateDirectory(Full(path));
        }

        public void DeleteDirectory(string path)
        {
            Directory.Delete(Full(path));
        }

        public string[] ListDirectories(string path)
        {
            return Names(Directory.GetDirectories(Full(path)));
        }

        public string[] ListFiles(string path)
        {
            return Names(Directory.GetFiles(Full(path)));
        }

        public bool FileExists(string path)
        {
            return File.Exists(Full(path));
        }

        public long GetFileLength(string path)
        {
            using (FileStream stream = new FileStream(Full(path), FileMode.Open, FileAccess.Read))
            {
                return stream.Length;
            }
        }

        public void DeleteFile(string path)
        {
            string full = Full(path);
            if (File.Exists(full))
            {
                File.Delete(full);
            }
        }

        public IStorageFile Open(string path)
        {
            return new Esp32File(new FileStream(Full(path), FileMode.Open, FileAccess.ReadWrite));
        }

        public IStorageFile Create(string path)
        {
            return new Esp32File(new FileStream(Full(path), FileMode.Create, FileAccess.ReadWrite));
        }

        /// <summary>Nothing to do: every write was committed by LittleFS when it returned.</summary>
        public void SyncAll()
        {
        }

        /// <summary>
        /// Unknown (-1): nanoFramework's DriveInfo tells only the drive's TotalSize, so the board sets
        /// <c>StoreOptions.MaxStoreBytes</c> from it instead.
        /// </summary>
        public long AvailableBytes
        {
            get { return -1; }
        }

        private string Full(string path)
        {
            if (path == null || path.Length == 0)
            {
                return _root;
            }

            char[] chars = path.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                if (chars[i] == '/')
                {
                    chars[i] = '\\';
                }
            }

            return _root + "\\" + new string(chars);
        }

        private static string[] Names(string[] paths)
        {
            string[] names = new string[paths.Length];
            for (int i = 0; i < paths.Length; i++)
            {
                string p = paths[i];
                int cut = p.Length - 1;
                while (cut >= 0 && p[cut] != '\\' && p[cut] != '/')
                {
                    cut--;
                }

                names[i] = p.Substring(cut + 1);
            }

            return names;
        }
    }
}
