using System;
using System.Collections;
using System.IO;
using ThaliNano.Couch;
using ThaliNano.Firmware.Pairing;
using ThaliNano.Identity;
using ThaliNano.Json;
using ThaliNano.Store;
using ThaliNano.Store.Storage;
using ThaliNano.Text;

namespace ThaliNano.Firmware
{
    /// <summary>
    /// The principals paired with this hub (key id, certificate, proof secret), which of them is the owner, the hub's
    /// stable uuid and its boot counter. Persisted in a private <see cref="DocumentStore"/> on its own storage root,
    /// apart from the store the hub serves: nothing in it is reachable over HTTP or replicates (README.md, "Pairing
    /// registry"). In RAM it keeps only the key ids and secrets (about 100 bytes per principal); certificates stay on
    /// flash until asked for. Thread-safe; it is the <see cref="IProofKeyring"/> of the hub's proof verifier and the
    /// <see cref="IPrincipalDirectory"/> live _changes feeds consult.
    /// </summary>
    public sealed class PairingRegistry : IProofKeyring, IPrincipalDirectory, IDisposable
    {
        /// <summary>The one database of the registry's private store.</summary>
        public const string DatabaseName = "pairing";

        /// <summary>Document ids: "hub" for the hub record, this prefix and the key id for each principal.</summary>
        public const string PrincipalPrefix = "principal:";

        private const string HubDocumentId = "hub";

        private readonly object _sync = new object();
        private readonly DocumentStore _store;
        private readonly Database _db;
        private readonly Hashtable _keys = new Hashtable();
        private IRandomSource _random;
        private IPairingObserver _observer;
        private string _hubUuid;
        private long _boots;
        private PublicKeyId _owner;
        private bool _disposed;

        private PairingRegistry(DocumentStore store, Database db)
        {
            _store = store;
            _db = db;
        }

        /// <summary>
        /// Opens the registry on its storage root (host: &lt;data&gt;/pairing, ESP32: I:\thali-pairing), creating it on
        /// first use, and loads every paired principal's key id and secret. <paramref name="random"/> is the board's
        /// source of proof secrets for pairings made while the hub runs (<see cref="NewSecret"/>).
        /// </summary>
        public static PairingRegistry Open(IFileStorage storage, StoreOptions options, IRandomSource random)
        {
            if (random == null)
            {
                throw new ArgumentNullException("random");
            }

            PairingRegistry registry = Open(storage, options);
            registry._random = random;
            return registry;
        }

        /// <summary>Opens the registry without a random source: pairings need secrets from elsewhere (provisioning, tests).</summary>
        public static PairingRegistry Open(IFileStorage storage, StoreOptions options)
        {
            if (storage == null)
            {
                throw new ArgumentNullException("storage");
            }

            DocumentStore store = new DocumentStore(storage, options);
            try
            {
                Database db = store.DatabaseExists(DatabaseName) ? store.OpenDatabase(DatabaseName) : store.CreateDatabase(DatabaseName);
                PairingRegistry registry = new PairingRegistry(store, db);
                registry.Load();
                return registry;
            }
            catch
            {
                store.Dispose();
                throw;
            }
        }

        /// <summary>The hub's uuid (32 lowercase hex digits), or null before <see cref="EnsureHubUuid"/> first ran.</summary>
        public string HubUuid
        {
            get
            {
                lock (_sync)
                {
                    return _hubUuid;
                }
            }
        }

        /// <summary>How many times <see cref="NextBoot"/> was called over the registry's life.</summary>
        public long Boots
        {
            get
            {
                lock (_sync)
                {
                    return _boots;
                }
            }
        }

        /// <summary>The owner (the hub's first admin), or null when none was set.</summary>
        public PublicKeyId Owner
        {
            get
            {
                lock (_sync)
                {
                    return _owner;
                }
            }
        }

        /// <summary>How many principals are paired.</summary>
        public int Count
        {
            get
            {
                lock (_sync)
                {
                    return _keys.Count;
                }
            }
        }

        /// <summary>Told after each change of the paired principals (<see cref="IPairingObserver"/>); may be null.</summary>
        public IPairingObserver Observer
        {
            get { return _observer; }
            set { _observer = value; }
        }

        /// <summary>
        /// The hub's uuid, made on the first call from 16 random bytes the board draws (the uuid only has to be unique,
        /// not secret) and kept from then on: replicators derive their checkpoint ids from it.
        /// </summary>
        public string EnsureHubUuid(byte[] sixteenRandomBytes)
        {
            lock (_sync)
            {
                CheckOpen();
                if (_hubUuid == null)
                {
                    if (sixteenRandomBytes == null || sixteenRandomBytes.Length != 16)
                    {
                        throw new ArgumentException("a hub uuid is made from exactly 16 random bytes", "sixteenRandomBytes");
                    }

                    WriteHub(Hex.Encode(sixteenRandomBytes), _boots, _owner);
                }

                return _hubUuid;
            }
        }

        /// <summary>Counts one more start of the hub, durably, and returns the new count (1 on the first start).</summary>
        public long NextBoot()
        {
            lock (_sync)
            {
                CheckOpen();
                WriteHub(_hubUuid, _boots + 1, _owner);
                return _boots;
            }
        }

        /// <summary>A fresh 32-byte proof secret from the board's random source (see the three-argument <see cref="Open(IFileStorage, StoreOptions, IRandomSource)"/>).</summary>
        public byte[] NewSecret()
        {
            if (_random == null)
            {
                throw new InvalidOperationException("the registry was opened without a random source for proof secrets");
            }

            byte[] secret = new byte[ProofKey.SecretSizeInBytes];
            _random.NextBytes(secret);
            return secret;
        }

        /// <summary>
        /// Pairs the principal whose key the DER certificate carries, with its 32-byte proof secret (re-pairing replaces
        /// certificate and secret). With <paramref name="owner"/> it also becomes the owner. Returns its key id.
        /// Durable on return. Only leaf certificates are paired (<see cref="CertificateConstraints"/>): on the ESP32 every
        /// paired certificate joins the CA bundle, where a CA could vouch for certificates of its holder's making; any
        /// other certificate throws <see cref="ArgumentException"/> with the reason.
        /// </summary>
        public PublicKeyId Pair(byte[] certificateDer, byte[] secret, bool owner)
        {
            if (certificateDer == null)
            {
                throw new ArgumentNullException("certificateDer");
            }

            string notLeaf = CertificateConstraints.NonLeafReason(certificateDer);
            if (notLeaf != null)
            {
                throw new ArgumentException("the certificate is " + notLeaf, "certificateDer");
            }

            PublicKeyId id = PublicKeyId.FromCertificate(certificateDer);
            ProofKey key = new ProofKey(id, secret);
            string docId = PrincipalPrefix + id.ToBase64Url();
            lock (_sync)
            {
                CheckOpen();
                Document current = _db.Get(docId);
                _db.Put(docId, current == null || current.Deleted ? null : current.Rev, EncodePrincipal(secret, certificateDer));
                _keys[id.ToBase64Url()] = key;
                if (owner && _owner != id)
                {
                    WriteHub(_hubUuid, _boots, id);
                }
            }

            Changed();
            return id;
        }

        /// <summary>Removes a principal (and the ownership, when it was the owner); false when it was not paired.</summary>
        public bool Unpair(PublicKeyId id)
        {
            if (id == null)
            {
                throw new ArgumentNullException("id");
            }

            string docId = PrincipalPrefix + id.ToBase64Url();
            lock (_sync)
            {
                CheckOpen();
                Document current = _db.Get(docId);
                if (current == null || current.Deleted)
                {
                    return false;
                }

                if (_owner == id)
                {
                    WriteHub(_hubUuid, _boots, null);
                }

                _db.Delete(docId, current.Rev);
                _keys.Remove(id.ToBase64Url());
            }

            Changed();
            return true;
        }

        public bool IsPaired(PublicKeyId id)
        {
            return Find(id) != null;
        }

        /// <summary>Whether <paramref name="principal"/> (a key id in base64url, as Couch names principals) is paired.</summary>
        public bool IsPaired(string principal)
        {
            lock (_sync)
            {
                return principal != null && _keys.Contains(principal);
            }
        }

        /// <summary>The paired key with its replay window, or null (the <see cref="IProofKeyring"/> lookup).</summary>
        public ProofKey Find(PublicKeyId id)
        {
            if (id == null)
            {
                return null;
            }

            lock (_sync)
            {
                return (ProofKey)_keys[id.ToBase64Url()];
            }
        }

        /// <summary>Every paired principal's key id.</summary>
        public PublicKeyId[] Principals()
        {
            lock (_sync)
            {
                PublicKeyId[] ids = new PublicKeyId[_keys.Count];
                int n = 0;
                foreach (DictionaryEntry e in _keys)
                {
                    ids[n++] = ((ProofKey)e.Value).Id;
                }

                return ids;
            }
        }

        /// <summary>The DER certificate a principal was paired with, read from flash; null when not paired.</summary>
        public byte[] GetCertificate(PublicKeyId id)
        {
            lock (_sync)
            {
                CheckOpen();
                Document doc = _db.Get(PrincipalPrefix + id.ToBase64Url());
                if (doc == null || doc.Deleted)
                {
                    return null;
                }

                byte[] secret;
                byte[] certificate;
                DecodePrincipal(doc.Body, out secret, out certificate);
                return certificate;
            }
        }

        /// <summary>
        /// Every paired leaf certificate as PEM: what the ESP32 installs as its CA bundle. A certificate paired before
        /// pairing refused CAs is left out, so it can never vouch for others; its holder re-pairs with a leaf.
        /// </summary>
        public string[] CertificatesPem()
        {
            PublicKeyId[] ids = Principals();
            ArrayList pems = new ArrayList();
            for (int i = 0; i < ids.Length; i++)
            {
                byte[] certificate = GetCertificate(ids[i]);
                if (certificate != null && CertificateConstraints.IsLeaf(certificate))
                {
                    pems.Add(Pem.EncodeCertificate(certificate));
                }
            }

            return (string[])pems.ToArray(typeof(string));
        }

        /// <summary>
        /// The body of one of the registry's own private records (e.g. the field pairing token), or null. Private records
        /// are up to 1.5 KB (the mesh state) and read or written rarely (at a contact, a field pairing): after each the
        /// database gives back its pages, buffers and files at once, not a release period later.
        /// </summary>
        internal byte[] ReadRecord(string id)
        {
            lock (_sync)
            {
                CheckOpen();
                Document doc = _db.Get(id);
                _db.TryReleaseCaches();
                return doc == null || doc.Deleted ? null : doc.Body;
            }
        }

        /// <summary>Writes (null: deletes) one of the registry's own private records, durably.</summary>
        internal void WriteRecord(string id, byte[] body)
        {
            lock (_sync)
            {
                CheckOpen();
                Document current = _db.Get(id);
                string rev = current == null || current.Deleted ? null : current.Rev;
                if (body != null)
                {
                    _db.Put(id, rev, body);
                }
                else if (rev != null)
                {
                    _db.Delete(id, rev);
                }

                _db.TryReleaseCaches();
            }
        }

        /// <summary>
        /// Compacts the registry's database once <paramref name="reclaimableBytes"/> of it are superseded records (a
        /// record rewritten often, like the mesh state, grows the log by its size each time). True when it compacted.
        /// </summary>
        internal bool CompactIfReclaimable(long reclaimableBytes)
        {
            lock (_sync)
            {
                CheckOpen();
                DatabaseInfo info = _db.GetInfo();
                if (info.SizeOnFlash - info.LiveBytesEstimate < reclaimableBytes)
                {
                    return false;
                }

                _db.Compact();
                return true;
            }
        }

        /// <summary>The registry's store gives back its database's cached pages (<see cref="DocumentStore.ReleaseCaches"/>).</summary>
        public void ReleaseCaches()
        {
            _store.ReleaseCaches();
        }

        /// <summary>Bytes the registry's database holds in RAM between operations (<see cref="Database.CacheBytes"/>).</summary>
        public int CacheBytes
        {
            get
            {
                lock (_sync)
                {
                    CheckOpen();
                    return _db.CacheBytes;
                }
            }
        }

        /// <summary>The registry's store gives back its database's cached pages when it was not used since the previous call.</summary>
        public void ReleaseIdleCaches()
        {
            _store.ReleaseIdleCaches();
        }

        public void Dispose()
        {
            lock (_sync)
            {
                if (_disposed)
                {
                    return;
                }

                _disposed = true;
                _store.Dispose();
            }
        }

        private void Changed()
        {
            IPairingObserver observer = _observer;
            if (observer != null)
            {
                observer.PairingsChanged(this);
            }
        }

        private void Load()
        {
            Document hub = _db.Get(HubDocumentId);
            if (hub != null && !hub.Deleted)
            {
                DecodeHub(hub.Body);
            }

            ChangesCursor changes = _db.GetChanges(0, 0);
            while (changes.MoveNext())
            {
                ChangeRow row = changes.Current;
                if (row.Deleted || !row.Id.StartsWith(PrincipalPrefix))
                {
                    continue;
                }

                Document doc = _db.Get(row.Id);
                byte[] secret;
                byte[] certificate;
                DecodePrincipal(doc.Body, out secret, out certificate);
                PublicKeyId id = PublicKeyId.FromCertificate(certificate);
                if (PrincipalPrefix + id.ToBase64Url() != row.Id)
                {
                    throw new FormatException("pairing record " + row.Id + " holds the certificate of another key");
                }

                _keys[id.ToBase64Url()] = new ProofKey(id, secret);
            }
        }

        private void WriteHub(string uuid, long boots, PublicKeyId owner)
        {
            MemoryStream output = new MemoryStream();
            JsonWriter w = new JsonWriter(output);
            w.WriteStartObject();
            w.WritePropertyName("uuid");
            WriteStringOrNull(w, uuid);
            w.WritePropertyName("boots");
            w.WriteNumber(boots);
            w.WritePropertyName("owner");
            WriteStringOrNull(w, owner == null ? null : owner.ToBase64Url());
            w.WriteEndObject();
            w.Flush();
            Document current = _db.Get(HubDocumentId);
            _db.Put(HubDocumentId, current == null ? null : current.Rev, output.ToArray());
            _hubUuid = uuid;
            _boots = boots;
            _owner = owner;
        }

        private void DecodeHub(byte[] body)
        {
            JsonReader r = new JsonReader(body, 0, body.Length);
            ExpectObject(r);
            while (r.Read() && r.TokenType == JsonToken.PropertyName)
            {
                string name = r.GetString();
                r.Read();
                if (name == "uuid")
                {
                    _hubUuid = r.TokenType == JsonToken.Null ? null : r.GetString();
                }
                else if (name == "boots")
                {
                    _boots = r.GetInt64();
                }
                else if (name == "owner")
                {
                    _owner = r.TokenType == JsonToken.Null ? null : PublicKeyId.ParseBase64Url(r.GetString());
                }
                else
                {
                    r.Skip();
                }
            }
        }

        private static byte[] EncodePrincipal(byte[] secret, byte[] certificateDer)
        {
            MemoryStream output = new MemoryStream();
            JsonWriter w = new JsonWriter(output);
            w.WriteStartObject();
            w.WritePropertyName("secret");
            w.WriteString(Base64Url.Encode(secret));
            w.WritePropertyName("certificate");
            w.WriteString(Base64Url.Encode(certificateDer));
            w.WriteEndObject();
            w.Flush();
            return output.ToArray();
        }

        private static void DecodePrincipal(byte[] body, out byte[] secret, out byte[] certificate)
        {
            secret = null;
            certificate = null;
            JsonReader r = new JsonReader(body, 0, body.Length);
            ExpectObject(r);
            while (r.Read() && r.TokenType == JsonToken.PropertyName)
            {
                string name = r.GetString();
                r.Read();
                if (name == "secret")
                {
                    secret = Base64Url.Decode(r.GetString());
                }
                else if (name == "certificate")
                {
                    certificate = Base64Url.Decode(r.GetString());
                }
                else
                {
                    r.Skip();
                }
            }

            if (secret == null || certificate == null)
            {
                throw new FormatException("a pairing record lacks its secret or certificate");
            }
        }

        private static void ExpectObject(JsonReader r)
        {
            if (!r.Read() || r.TokenType != JsonToken.StartObject)
            {
                throw new FormatException("a pairing record is not a JSON object");
            }
        }

        private static void WriteStringOrNull(JsonWriter w, string value)
        {
            if (value == null)
            {
                w.WriteNull();
            }
            else
            {
                w.WriteString(value);
            }
        }

        private void CheckOpen()
        {
            if (_disposed)
            {
                throw new ObjectDisposedException("PairingRegistry");
            }
        }
    }
}
