using System;
using System.Collections;
using System.Text;
using ThaliNano.Couch;
using ThaliNano.Firmware.Status.Qr;
using ThaliNano.Identity;
using ThaliNano.Json;
using ThaliNano.Store;

namespace ThaliNano.Firmware.Status
{
    /// <summary>
    /// Where the status page reads its facts, the same for the HTML and the JSON view: the hub's configuration, store,
    /// Couch handler (admins, groups) and pairing registry, the recent errors and the board's memory and mesh sources.
    /// Databases are named as HTTP clients name them (the system database as "_thali").
    /// </summary>
    internal sealed class HubFacts
    {
        /// <summary>What HTTP clients call the system database.</summary>
        public const string SystemDatabase = "_thali";

        private readonly HubConfiguration _configuration;
        private readonly long _startedAt;
        private readonly object _qrSync = new object();
        private QrCode _qr;
        private bool _qrMade;

        public HubFacts(HubConfiguration configuration, string hubUuid, DocumentStore store, CouchHandler couch, RecentErrors errors)
        {
            _configuration = configuration;
            HubUuid = hubUuid;
            Store = store;
            Couch = couch;
            Errors = errors;
            _startedAt = configuration.Status.Clock.Milliseconds;
        }

        public string HubUuid { get; private set; }

        public DocumentStore Store { get; private set; }

        public CouchHandler Couch { get; private set; }

        public RecentErrors Errors { get; private set; }

        public PairingRegistry Registry
        {
            get { return _configuration.Registry; }
        }

        public PublicKeyId HubKeyId
        {
            get { return _configuration.HubKeyId; }
        }

        public string DisplayName
        {
            get { return _configuration.DisplayName; }
        }

        /// <summary>The hub's httpkey URLs as the board configured them; empty when it knows none.</summary>
        public string[] Urls
        {
            get { return _configuration.DirectoryUrls == null ? new string[0] : _configuration.DirectoryUrls; }
        }

        public StoreOptions StoreOptions
        {
            get { return _configuration.Store; }
        }

        public IMeshStatus Mesh
        {
            get { return _configuration.Status.Mesh; }
        }

        public IMemoryStatus Memory
        {
            get { return _configuration.Status.Memory; }
        }

        public long UptimeMilliseconds
        {
            get { return Elapsed(_configuration.Status.Clock.Milliseconds); }
        }

        /// <summary>Milliseconds between the start and a time stamp of the status clock.</summary>
        public long Elapsed(long at)
        {
            return at - _startedAt;
        }

        /// <summary>The shortest URL (the compact sha256 form), which the QR code carries; null when there is none.</summary>
        public string QrUrl
        {
            get
            {
                string shortest = null;
                string[] urls = Urls;
                for (int i = 0; i < urls.Length; i++)
                {
                    if (shortest == null || urls[i].Length < shortest.Length)
                    {
                        shortest = urls[i];
                    }
                }

                return shortest;
            }
        }

        /// <summary>The QR code of <see cref="QrUrl"/>, made at the first page view and kept; null without a URL or past a QR code's size.</summary>
        public QrCode Qr
        {
            get
            {
                lock (_qrSync)
                {
                    if (!_qrMade)
                    {
                        string url = QrUrl;
                        byte[] bytes = url == null ? null : Encoding.UTF8.GetBytes(url);
                        _qr = bytes == null || bytes.Length > QrCode.MaxBytes ? null : QrCode.Encode(bytes);
                        _qrMade = true;
                    }

                    return _qr;
                }
            }
        }

        public bool IsOwner(string principal)
        {
            PublicKeyId owner = Registry.Owner;
            return owner != null && owner.ToBase64Url() == principal;
        }

        /// <summary>The owner and the admins of _thali, as for /_pairing.</summary>
        public bool IsAdmin(string principal)
        {
            return IsOwner(principal) || Couch.IsAdmin(principal);
        }

        /// <summary>Every database by its HTTP name, in the store's order.</summary>
        public string[] DatabaseNames()
        {
            string[] names = Store.ListDatabases();
            for (int i = 0; i < names.Length; i++)
            {
                if (names[i] == _configuration.Couch.SystemDatabaseStoreName)
                {
                    names[i] = SystemDatabase;
                }
            }

            return names;
        }

        /// <summary>The open database of an HTTP name; null when there is no such database.</summary>
        public Database Open(string name)
        {
            string storeName = name == SystemDatabase ? _configuration.Couch.SystemDatabaseStoreName : name;
            if (name == _configuration.Couch.SystemDatabaseStoreName)
            {
                return null;
            }

            try
            {
                // Not DatabaseExists first: the listed names exist, and each check costs a directory lookup.
                return Store.OpenDatabase(storeName);
            }
            catch (DatabaseNotFoundException)
            {
                return null;
            }
        }

        /// <summary>
        /// Bytes compaction would free: the database's size less its live records, when the store estimates those (it
        /// reports 0 until it keeps the count), else -1 for "not measured".
        /// </summary>
        public static long Garbage(DatabaseInfo info)
        {
            return info.LiveBytesEstimate > 0 ? info.SizeOnFlash - info.LiveBytesEstimate : -1;
        }

        /// <summary>The names of the groups in _thali (documents group:NAME), sorted as the changes feed gives them.</summary>
        public string[] Groups()
        {
            Database system = Store.OpenDatabase(_configuration.Couch.SystemDatabaseStoreName);
            ArrayList groups = new ArrayList();
            ChangesCursor changes = system.GetChanges(0, 0);
            while (changes.MoveNext())
            {
                ChangeRow row = changes.Current;
                if (!row.Deleted && row.Id.StartsWith(GroupNames.Prefix))
                {
                    groups.Add(row.Id.Substring(GroupNames.Prefix.Length));
                }
            }

            return (string[])groups.ToArray(typeof(string));
        }

        /// <summary>The members of a group (the strings in its "members" list).</summary>
        public string[] Members(string group)
        {
            Database system = Store.OpenDatabase(_configuration.Couch.SystemDatabaseStoreName);
            Document document = system.Get(GroupNames.Prefix + group);
            ArrayList members = new ArrayList();
            if (document == null || document.Deleted)
            {
                return new string[0];
            }

            JsonReader reader = new JsonReader(document.Body, 0, document.Body.Length);
            while (reader.Read())
            {
                if (reader.Depth == 1 && reader.TokenType == JsonToken.PropertyName && reader.ValueEquals("members"))
                {
                    // The system database only stores a members list of strings (libs/ThaliNano.Couch/README.md).
                    reader.Read();
                    while (reader.Read() && reader.TokenType == JsonToken.String)
                    {
                        members.Add(reader.GetString());
                    }
                }
            }

            return (string[])members.ToArray(typeof(string));
        }
    }
}
