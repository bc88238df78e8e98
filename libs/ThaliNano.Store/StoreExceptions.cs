using System;

namespace ThaliNano.Store
{
    /// <summary>Base of every error the store reports on purpose.</summary>
    public class StoreException : Exception
    {
        public StoreException(string message)
            : base(message)
        {
        }
    }

    /// <summary>
    /// Stored bytes failed a check (CRC, framing, structure) in a way a power cut cannot explain. Names the file and
    /// the byte offset. The database stays readable where it can and refuses writes until compaction salvages it.
    /// </summary>
    public class StoreCorruptedException : StoreException
    {
        public StoreCorruptedException(string path, long offset, string what)
            : base("corrupted store file " + path + " at offset " + offset.ToString() + ": " + what)
        {
            Path = path;
            Offset = offset;
        }

        public string Path { get; private set; }

        public long Offset { get; private set; }
    }

    /// <summary>A file that is not the store's, or was written by a newer format version: the store refuses to touch it.</summary>
    public class UnsupportedFormatException : StoreException
    {
        public UnsupportedFormatException(string path, string what)
            : base("unsupported store file " + path + ": " + what)
        {
            Path = path;
        }

        public string Path { get; private set; }
    }

    /// <summary>A write would exceed the database quota or the store limit (HTTP 507). Nothing was written.</summary>
    public class InsufficientStorageException : StoreException
    {
        public InsufficientStorageException(string reason)
            : base(reason)
        {
        }
    }

    /// <summary>An interactive write does not extend a current leaf, or a local document's rev is stale (HTTP 409).</summary>
    public class DocumentConflictException : StoreException
    {
        public DocumentConflictException(string id, string reason)
            : base("Document update conflict (" + id + "): " + reason)
        {
            Id = id;
        }

        public string Id { get; private set; }
    }

    /// <summary>No database has that name (HTTP 404).</summary>
    public class DatabaseNotFoundException : StoreException
    {
        public DatabaseNotFoundException(string name)
            : base("Database does not exist: " + name)
        {
        }
    }

    /// <summary>A database with that name already exists (HTTP 412 file_exists).</summary>
    public class DatabaseExistsException : StoreException
    {
        public DatabaseExistsException(string name)
            : base("The database could not be created, the file already exists: " + name)
        {
        }
    }

    /// <summary>The name breaks CouchDB's database name rules (HTTP 400 illegal_database_name).</summary>
    public class InvalidDatabaseNameException : StoreException
    {
        public InvalidDatabaseNameException(string name)
            : base("Name: '" + name + "'. Only lowercase characters (a-z), digits (0-9), and any of the characters _, $, (, ), +, -, and / are allowed. Must begin with a letter.")
        {
        }
    }
}
